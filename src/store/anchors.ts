import type { Insertable, Kysely, Selectable } from 'kysely';
import type { CommentAnchorTable, Database, PassageQuestionTable } from './schema.js';

export type CommentAnchorRow = Selectable<CommentAnchorTable>;
export type PassageQuestionRow = Selectable<PassageQuestionTable>;

/** Which passage of the article each comment on a passage is about. */
export class AnchorQueries {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(anchor: Insertable<CommentAnchorTable>): Promise<void> {
    await this.db.insertInto('comment_anchors').values(anchor).execute();
  }

  /** The anchors of these comments (one query for a page of them). */
  async ofComments(commentIds: number[]): Promise<CommentAnchorRow[]> {
    if (commentIds.length === 0) return [];
    return this.db.selectFrom('comment_anchors').selectAll().where('comment_id', 'in', commentIds).execute();
  }

  /** The anchors of a thread's comments that readers can see. */
  publishedInThread(threadId: number): Promise<CommentAnchorRow[]> {
    return this.db
      .selectFrom('comment_anchors')
      .innerJoin('comments', 'comments.id', 'comment_anchors.comment_id')
      .selectAll('comment_anchors')
      .where('comment_anchors.thread_id', '=', threadId)
      .where('comments.status', '=', 'published')
      .orderBy('comment_anchors.comment_id')
      .execute();
  }

  async insertQuestion(question: Insertable<PassageQuestionTable>): Promise<PassageQuestionRow> {
    return this.db.insertInto('passage_questions').values(question).returningAll().executeTakeFirstOrThrow();
  }

  /** An article's questions on its passages, oldest first. */
  questionsOf(articleId: number): Promise<PassageQuestionRow[]> {
    return this.db.selectFrom('passage_questions').selectAll().where('article_id', '=', articleId).orderBy('id').execute();
  }
}
