import type { Types } from 'mongoose';
import type { PersonalDataSection } from '../../platform/module';
import { Report } from './model';

/**
 * A resident's reports. Export: every report they filed or follow. Deletion keeps the report
 * histories (the district's record of what was reported and done) with the person removed: the
 * reporter is cleared and the report marked anonymous, follows are dropped, and the reporter's
 * name in history entries becomes 已注销用户. Photos of the problem stay (they show the place).
 */
export const reportPrivacy: PersonalDataSection = {
  name: 'reports',
  covers: ['Report'],
  export: async (userId: Types.ObjectId) => {
    const filed = await Report.find({ reporter: userId }, { history: 0 }).lean();
    const following = await Report.find({ followers: userId }, { _id: 1, categoryLabel: 1, address: 1, status: 1 }).lean();
    return { filed, following };
  },
  erase: async (userId: Types.ObjectId) => {
    await Report.updateMany({ followers: userId }, { $pull: { followers: userId } });
    await Report.updateMany(
      { reporter: userId },
      { $set: { reporter: null, anonymous: true, 'history.$[h].actorName': '已注销用户', 'history.$[h].actor': null } },
      { arrayFilters: [{ 'h.actor': userId }] },
    );
  },
};
