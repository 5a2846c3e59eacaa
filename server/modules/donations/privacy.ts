import { Types } from 'mongoose';
import type { PersonalDataSection } from '../../platform/module';
import { DonationOrder, LedgerEntry, ProjectDonor } from './model';

/**
 * Account deletion: donations are accounting records and stay (PIPL allows what the law requires
 * to keep), with the person removed: the order loses its donor link and message, its ledger line
 * shows 已注销用户 (DECISIONS "Privacy and retention"). The donor rows that count distinct donors
 * go; the project's donor count keeps the number, which names nobody.
 */
export const donationsPrivacy: PersonalDataSection = {
  name: 'donations',
  erase: async (userId: Types.ObjectId) => {
    const orders = await DonationOrder.find({ donor: userId }, { _id: 1 }).lean();
    const ids = orders.map((o) => o._id);
    await LedgerEntry.updateMany({ order: { $in: ids }, kind: 'donation' }, { $set: { donorMasked: '已注销用户' }, $unset: { message: 1 } });
    await DonationOrder.updateMany({ _id: { $in: ids } }, { $set: { donor: null, donorMasked: '已注销用户' }, $unset: { message: 1, clientKey: 1 } });
    await ProjectDonor.deleteMany({ donor: userId });
  },
};
