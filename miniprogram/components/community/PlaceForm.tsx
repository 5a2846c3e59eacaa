import { Button, View } from '@tarojs/components';
import { PLACE_LIMITS, PLACE_TYPES, PLACE_TYPE_LABELS } from '@shared/schemas/community/places';
import type { usePlaceEditor } from '../../hooks/community/usePlaceEditor';
import { isH5 } from '../../services/nav';
import { OptionPicker } from '../admin/OptionPicker';
import { FormField } from '../FormField';
import { Notice } from '../Notice';
import { LocationField } from '../volunteering/LocationField';

const TYPE_OPTIONS = PLACE_TYPES.map((t) => ({ id: t, name: PLACE_TYPE_LABELS[t] }));

/**
 * One place, added or edited: type, name, address, the point (a map pick on weapp; on H5 the
 * current position or typed coordinates, since there is no map key there), hours and phone.
 */
export function PlaceForm({ editor }: { editor: ReturnType<typeof usePlaceEditor> }) {
  const { draft, errors, set } = editor;
  const point = draft.lng && draft.lat && !Number.isNaN(Number(draft.lng)) && !Number.isNaN(Number(draft.lat)) ? { lng: Number(draft.lng), lat: Number(draft.lat) } : undefined;
  return (
    <View className="card" id="place-form">
      <OptionPicker
        id="place-type"
        label="类型"
        options={TYPE_OPTIONS}
        loading={false}
        value={draft.type}
        error={errors.type}
        emptyText="无可选类型"
        onChange={(t) => set('type', t as typeof draft.type)}
      />
      <FormField id="place-name" label="名称" value={draft.name} error={errors.name} maxlength={PLACE_LIMITS.name} onChange={(v) => set('name', v)} />
      <FormField id="place-address" label="地址" value={draft.address} error={errors.address} maxlength={PLACE_LIMITS.address} onChange={(v) => set('address', v)} />
      <LocationField id="place-location" value={point} onChange={editor.setLocation} />
      {isH5 ? (
        <View className="v-actions">
          <FormField id="place-lng" label="经度（GCJ-02）" type="digit" value={draft.lng} error={errors.lng} placeholder="116.40500" onChange={(v) => set('lng', v)} />
          <FormField id="place-lat" label="纬度（GCJ-02）" type="digit" value={draft.lat} error={errors.lat} placeholder="39.91600" onChange={(v) => set('lat', v)} />
        </View>
      ) : (
        <Notice message={errors.lng || errors.lat || null} id="place-location-error" />
      )}
      <FormField
        id="place-hours"
        label="营业时间"
        value={draft.openingHours}
        error={errors.openingHours}
        placeholder="周一至周五 08:30-17:30；周六 09:00-12:00"
        maxlength={PLACE_LIMITS.openingHours}
        onChange={(v) => set('openingHours', v)}
      />
      <FormField id="place-phone" label="电话" type="text" value={draft.phone} error={errors.phone} maxlength={PLACE_LIMITS.phone} onChange={(v) => set('phone', v)} />
      <Notice message={editor.formError} id="place-form-error" />
      <View className="v-actions">
        <Button key={editor.editingId ? 'save' : 'new'} id="place-submit" className="btn" loading={editor.submitting} onClick={() => void editor.submit()}>
          {editor.editingId ? '保存修改' : '添加服务点'}
        </Button>
        {editor.editingId ? (
          <Button id="place-cancel" className="btn btn--plain" onClick={editor.reset}>
            取消编辑
          </Button>
        ) : null}
      </View>
    </View>
  );
}
