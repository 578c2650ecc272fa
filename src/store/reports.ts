import type { Kysely } from 'kysely';
import type { Person } from './comments.js';
import type { Database } from './schema.js';

export type ReportReason = 'abuse' | 'harassment' | 'spam' | 'off_topic' | 'other';

export class ReportQueries {
  constructor(private readonly db: Kysely<Database>) {}

  /** Whether this person (by reader cookie or address) has ever reported the comment. */
  async hasReported(commentId: number, person: Person): Promise<boolean> {
    const row = await this.db
      .selectFrom('comment_reports')
      .select('id')
      .where('comment_id', '=', commentId)
      .where((eb) => eb.or([eb('reader_id', '=', person.readerId), ...(person.ipHash ? [eb('ip_hash', '=', person.ipHash)] : [])]))
      .executeTakeFirst();
    return row !== undefined;
  }

  async insertReport(report: { site_id: string; comment_id: number; reader_id: string; ip_hash: string | null; reason: ReportReason; note: string; created_at: number }): Promise<void> {
    await this.db.insertInto('comment_reports').values(report).execute();
  }

  /** Counts the report on the comment and returns the new total. */
  async countReport(commentId: number): Promise<number> {
    const row = await this.db
      .updateTable('comments')
      .set((eb) => ({ report_count: eb('report_count', '+', 1) }))
      .where('id', '=', commentId)
      .returning('report_count')
      .executeTakeFirstOrThrow();
    return row.report_count;
  }
}
