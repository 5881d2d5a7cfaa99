/** The authority inbox: API-key authenticated; an authority only ever sees what it currently handles. */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Authority } from '../../contract/catalog.ts';
import type { FileRef } from '../../contract/form-definition.ts';
import {
  FINAL_STATUSES,
  type Notice,
  type Status,
  type StatusEvent,
  type Submission,
} from '../../contract/submission.ts';
import { on, type Ctx } from '../context.ts';
import { ProblemError } from '../problem.ts';
import { sha256 } from '../security.ts';

const NOT_FOUND = 'Antrag nicht gefunden. / Submission not found.';

/** Resolves the Bearer key to an authority; every key hash is compared in constant time. */
function authenticate(ctx: Ctx, request: FastifyRequest): Authority {
  const header = request.headers.authorization ?? '';
  const match = /^Bearer\s+(\S{1,200})$/i.exec(header);
  let authorityId: string | undefined;
  if (match) {
    const presented = sha256(match[1]!);
    for (const key of ctx.catalog.apiKeys) {
      if (timingSafeEqual(presented, key.hash) && authorityId === undefined) authorityId = key.authorityId;
    }
  }
  const authority = authorityId === undefined ? undefined : ctx.catalog.authorities.get(authorityId);
  if (!authority) {
    throw new ProblemError(
      'unauthorized',
      'API-Schlüssel fehlt oder ist unbekannt. / API key missing or unknown.',
    );
  }
  return authority;
}

export function authorityRoutes(app: FastifyInstance, ctx: Ctx): void {
  const serviceName = (id: string) => ctx.catalog.services.get(id)?.name ?? { de: id };
  /** The Gemeinde's name beside its ARS, where the catalog still knows it. */
  const placeNameOf = (ars: string): { placeName?: string } => {
    const placeName = ctx.catalog.placeNames.get(ars);
    return placeName === undefined ? {} : { placeName };
  };

  on(app, 'getOwnAuthority', async (request) => authenticate(ctx, request));

  on(app, 'listAuthorities', async (request) => {
    authenticate(ctx, request);
    return { authorities: [...ctx.catalog.authorities.values()] };
  });

  on(app, 'listSubmissions', async (request) => {
    const authority = authenticate(ctx, request);
    const page = Number(request.query.page ?? '1');
    const pageSize = Number(request.query.pageSize ?? '20');
    const { total, rows } = await ctx.store.pageOfAuthority(authority.id, page, pageSize);
    return {
      items: rows.map((r) => ({
        id: r.id,
        reference: r.reference,
        serviceId: r.service_id,
        serviceName: serviceName(r.service_id),
        tenantId: r.tenant_id,
        ars: r.ars,
        ...placeNameOf(r.ars),
        status: r.status as Status,
        createdAt: r.created_at,
        updatedAt: r.updated_at,
      })),
      total,
      page,
      pageSize,
    };
  });

  on(app, 'getSubmission', async (request) => {
    const authority = authenticate(ctx, request);
    const row = await ctx.store.submissionOfAuthority(request.params.id, authority.id);
    if (!row) throw new ProblemError('not-found', NOT_FOUND);
    const [events, files, notices] = await Promise.all([
      ctx.store.eventsOf(row.id),
      ctx.store.uploadsOf(row.id),
      ctx.store.noticesOf(row.id),
    ]);
    const fileRef = (f: (typeof files)[number]): FileRef => ({
      uploadId: f.id,
      name: f.name,
      size: f.size,
      type: f.type,
    });
    const body: Submission = {
      id: row.id,
      reference: row.reference,
      serviceId: row.service_id,
      serviceName: serviceName(row.service_id),
      tenantId: row.tenant_id,
      ars: row.ars,
      ...placeNameOf(row.ars),
      status: row.status as Status,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      formId: row.form_id,
      formVersion: row.form_version,
      lang: row.lang as Submission['lang'],
      authorityId: row.authority_id,
      data: JSON.parse(row.data) as Record<string, unknown>,
      files: files.filter((f) => f.event_id === null).map(fileRef),
      events: events.map((e) => {
        const event: StatusEvent = { type: e.type as Status, at: e.at, authorityId: e.authority_id };
        if (e.from_authority_id !== null) event.fromAuthorityId = e.from_authority_id;
        if (e.message !== null) event.message = e.message;
        const sent = files.filter((f) => f.event_id === e.id);
        if (sent.length > 0) event.files = sent.map(fileRef);
        return event;
      }),
      notices: notices.map((n) => {
        const notice: Notice = {
          audience: n.audience,
          about: n.about as Status,
          state: n.state,
          createdAt: n.created_at,
        };
        if (n.sent_at !== null) notice.sentAt = n.sent_at;
        return notice;
      }),
    };
    return body;
  });

  on(app, 'getSubmissionFile', async (request, reply) => {
    const authority = authenticate(ctx, request);
    const row = await ctx.store.submissionOfAuthority(request.params.id, authority.id);
    const file = row ? await ctx.store.uploadContent(row.id, request.params.uploadId) : undefined;
    if (!file) throw new ProblemError('not-found', NOT_FOUND);
    return reply
      .header('Content-Type', file.type)
      .header('Content-Length', String(file.size))
      .header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`)
      .header('Cache-Control', 'private, no-store')
      .send(file.content);
  });

  on(app, 'appendStatusEvent', async (request, reply) => {
    const authority = authenticate(ctx, request);
    const { type, message, toAuthorityId } = request.body;
    if (type === 'forwarded') {
      const target = toAuthorityId === undefined ? undefined : ctx.catalog.authorities.get(toAuthorityId);
      const problem = !target
        ? 'Unbekannte Stelle. / Unknown authority.'
        : target.id === authority.id
          ? 'Weiterleitung an sich selbst. / Cannot forward to yourself.'
          : undefined;
      if (problem) {
        throw new ProblemError('validation', problem, [
          { pointer: '/toAuthorityId', detail: problem, code: 'invalid' },
        ]);
      }
    }
    const event = await ctx.store.appendEvent(
      request.params.id,
      authority.id,
      {
        type,
        message: message?.trim() || null,
        toAuthorityId: type === 'forwarded' ? (toAuthorityId ?? null) : null,
      },
      (status) => FINAL_STATUSES.includes(status as Status),
      ctx.now(),
      ctx.mail?.drafts,
    );
    if (!event) throw new ProblemError('not-found', NOT_FOUND);
    ctx.mail?.wake();
    const body: StatusEvent = { type: event.type as Status, at: event.at, authorityId: event.authorityId };
    if (event.fromAuthorityId !== undefined) body.fromAuthorityId = event.fromAuthorityId;
    if (event.message !== undefined) body.message = event.message;
    return reply.status(201).send(body);
  });
}
