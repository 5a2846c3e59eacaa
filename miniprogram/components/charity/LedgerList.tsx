import { Image, Text, View } from '@tarojs/components';
import { fenToYuan } from '@shared/schemas/donations';
import type { TLedgerPage } from '../../services/donations';
import { formatTime } from '../../services/format';
import { mediaUrl } from '../../services/media';

/** The public ledger: donations (masked names, 爱心人士 when anonymous), refunds, disbursements with proofs, fees. */
export function LedgerList({ ledger }: { ledger: TLedgerPage }) {
  const t = ledger.totals;
  return (
    <View className="card ch-item" id="project-ledger">
      <Text className="card__title">公开账目</Text>
      <Text className="ch-meta" id="ledger-totals">
        {`捐赠 ${fenToYuan(t.raisedFen)} 元 · 退款 ${fenToYuan(t.refundedFen)} 元 · 拨付 ${fenToYuan(t.disbursedFen)} 元 · 手续费 ${fenToYuan(t.feeFen)} 元`}
      </Text>
      <Text id="ledger-balance">{`余额 ${fenToYuan(t.balanceFen)} 元`}</Text>
      <View id="ledger-list">
        {ledger.items.map((e) => (
          <View key={e.id} className={`v-item ledger-entry ledger-entry--${e.kind}`} id={`ledger-${e.id}`}>
            <View className="ch-item">
              <Text>{`${e.kindLabel}${e.donorName ? ` · ${e.donorName}` : ''}`}</Text>
              {e.message || e.purpose ? <Text className="ch-meta">{e.message ?? e.purpose}</Text> : null}
              <Text className="ch-meta">{formatTime(e.at)}</Text>
              {e.proofImageUrls.length ? (
                <View>
                  {e.proofImageUrls.map((u) => (
                    <Image key={u} className="ch-proof" src={mediaUrl(u)} mode="aspectFill" />
                  ))}
                </View>
              ) : null}
            </View>
            <Text className={e.kind === 'donation' ? '' : 'ch-minus'}>{`${e.kind === 'donation' ? '+' : '−'}${fenToYuan(e.amountFen)} 元`}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}
