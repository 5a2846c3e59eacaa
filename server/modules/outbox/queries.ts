import { OutboxEvent, type OutboxEventDoc } from '../../platform/outbox/model';

/** One page of dead-lettered events, newest first, and how many there are. */
export async function deadLetterPage(page: number, pageSize: number): Promise<{ items: OutboxEventDoc[]; total: number }> {
  const [items, total] = await Promise.all([
    OutboxEvent.find({ status: 'dead' })
      .sort({ deadAt: -1, _id: -1 })
      .skip((page - 1) * pageSize)
      .limit(pageSize)
      .lean<OutboxEventDoc[]>(),
    OutboxEvent.countDocuments({ status: 'dead' }),
  ]);
  return { items, total };
}
