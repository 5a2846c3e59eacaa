import { Button, Text, View } from '@tarojs/components';
import './ConfirmDialog.scss';

interface Props {
  open: boolean;
  title: string;
  message: string;
  confirmText?: string;
  danger?: boolean;
  busy?: boolean;
  /** Prefix for the ids of the dialog and its buttons (`<id>-confirm`, `<id>-cancel`). */
  id: string;
  onConfirm: () => void;
  onCancel: () => void;
}

/** In-page confirmation; the same markup on weapp and H5 so tests and users see one dialog. */
export function ConfirmDialog({
  open,
  title,
  message,
  confirmText = '确定',
  danger,
  busy,
  id,
  onConfirm,
  onCancel,
}: Props) {
  if (!open) return null;
  return (
    <View className="dialog__mask" id={id}>
      <View className="dialog">
        <Text className="dialog__title">{title}</Text>
        <Text className="dialog__message">{message}</Text>
        <View className="dialog__actions">
          <Button id={`${id}-cancel`} className="btn btn--plain dialog__btn" onClick={onCancel} disabled={busy}>
            取消
          </Button>
          <Button
            id={`${id}-confirm`}
            className={`btn ${danger ? 'btn--danger' : 'btn--primary'} dialog__btn`}
            onClick={onConfirm}
            loading={busy}
            disabled={busy}
          >
            {confirmText}
          </Button>
        </View>
      </View>
    </View>
  );
}
