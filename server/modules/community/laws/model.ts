import mongoose, { Schema, type Model, type Types } from 'mongoose';
import { LAW_TOPICS, type TLawTopic } from '@shared/law-topics';
import { LAW_KINDS } from '@shared/schemas/community/laws';

function modelOf<T>(name: string, schema: Schema<T>): Model<T> {
  return (mongoose.models[name] as Model<T> | undefined) ?? mongoose.model<T>(name, schema);
}

/** An article of a law or regulation, or a plain-language explainer, with its search keys. */
export interface LawArticleDoc {
  _id: Types.ObjectId;
  /** Stable key for the seeded starter set (law + article number), so seeding is idempotent. */
  key: string;
  kind: (typeof LAW_KINDS)[number];
  law: string;
  title: string;
  text: string;
  topics: TLawTopic[];
  source: string;
  /** YYYY-MM-DD, the date the quoted version took effect. */
  effectiveDate: string;
  /** Search keys of law, title and text (tokenize.ts): the multikey index the search uses. */
  tokens: string[];
  /** Keys of the law and title alone: a hit there ranks higher. */
  titleTokens: string[];
  createdAt: Date;
  updatedAt: Date;
}

const LawArticleSchema = new Schema<LawArticleDoc>(
  {
    key: { type: String, required: true },
    kind: { type: String, enum: LAW_KINDS, required: true },
    law: { type: String, required: true },
    title: { type: String, required: true },
    text: { type: String, required: true },
    topics: { type: [String], enum: LAW_TOPICS, default: [] },
    source: { type: String, required: true },
    effectiveDate: { type: String, required: true },
    tokens: { type: [String], default: [] },
    titleTokens: { type: [String], default: [] },
  },
  { timestamps: true, versionKey: false, collection: 'law_articles' },
);
LawArticleSchema.index({ key: 1 }, { unique: true });
LawArticleSchema.index({ tokens: 1 });
LawArticleSchema.index({ topics: 1, law: 1 });

export const LawArticle = modelOf('LawArticle', LawArticleSchema);
