import { User, type UserDoc } from './model';

/** Read paths of user accounts (no writes). */

export const findUser = (id: string): Promise<UserDoc | null> => User.findById(id).lean<UserDoc>().exec();
