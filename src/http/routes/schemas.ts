import { Type } from 'typebox';

export const ThreadKeyParams = Type.Object({ key: Type.String({ minLength: 1, maxLength: 200 }) });
export const CommentIdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
export const Sort = Type.Union([Type.Literal('oldest'), Type.Literal('newest'), Type.Literal('votes')], { default: 'oldest' });
export const Cursor = Type.String({ minLength: 1, maxLength: 500 });

export const ThreadQuery = Type.Object({
  sort: Type.Optional(Sort),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  cursor: Type.Optional(Cursor),
});

/** Length limits here only stop absurd payloads; the exact limits are settings checked by the service. */
export const NewCommentBody = Type.Object({
  body: Type.String({ maxLength: 200_000 }),
  parentId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
  name: Type.Optional(Type.String({ maxLength: 1000 })),
  email: Type.Optional(Type.String({ maxLength: 1000 })),
  website: Type.Optional(Type.String({ maxLength: 2000 })),
  form: Type.Optional(
    Type.Object({
      honeypot: Type.Optional(Type.String({ maxLength: 2000 })),
      elapsedMs: Type.Optional(Type.Integer({ minimum: 0 })),
    }),
  ),
  // A comment on a passage of the article: the quote, some text around it, its offset in the article's text.
  anchor: Type.Optional(
    Type.Object({
      exact: Type.String({ minLength: 1, maxLength: 1000 }),
      prefix: Type.Optional(Type.String({ maxLength: 500 })),
      suffix: Type.Optional(Type.String({ maxLength: 500 })),
      start: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000 })),
    }),
  ),
});

export const EditCommentBody = Type.Object({
  body: Type.String({ maxLength: 200_000 }),
  editToken: Type.Optional(Type.String({ maxLength: 200 })),
});

export const VoteBody = Type.Object({
  value: Type.Union([Type.Literal(1), Type.Literal(-1), Type.Literal(0)]),
});

export const ReportBody = Type.Object({
  reason: Type.Union([Type.Literal('abuse'), Type.Literal('harassment'), Type.Literal('spam'), Type.Literal('off_topic'), Type.Literal('other')]),
  note: Type.Optional(Type.String({ maxLength: 2000 })),
});
