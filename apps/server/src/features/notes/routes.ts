import {
  addendumCreateSchema,
  episodeIdParamsSchema,
  groupNoteSaveSchema,
  groupNoteSignSchema,
  groupNoteViewSchema,
  noteBatchSignedSchema,
  noteBatchSignSchema,
  noteCosignSchema,
  noteCreateSchema,
  noteIdParamsSchema,
  noteListSchema,
  notesAttentionSchema,
  noteSignSchema,
  noteUpdateSchema,
  noteViewSchema,
  sessionNoteParamsSchema,
} from '@trellis/core';
import type { FeatureRoutes } from '../index.ts';
import { actorOf } from '../../http/route-config.ts';
import { sendPdf } from '../../pdf/export.ts';
import { readGroupNote, saveGroupNote, signGroupNote } from './group-service.ts';
import {
  addAddendum,
  cosignNote,
  createNote,
  exportNote,
  listNotes,
  notesNeedingAttention,
  readNote,
  signNote,
  signNotes,
  updateNote,
} from './service.ts';

export const noteRoutes: FeatureRoutes = (app, deps) => {
  app.get(
    '/v1/episodes/:id/notes',
    {
      config: { permission: 'clinical-note.read' },
      schema: {
        tags: ['notes'],
        summary: 'An episode’s notes, newest first; private notes only to their author (audited)',
        params: episodeIdParamsSchema,
        response: { 200: noteListSchema },
      },
    },
    async (request) => listNotes(deps, actorOf(request), request.params.id),
  );

  app.post(
    '/v1/episodes/:id/notes',
    {
      config: { permission: 'note.sign' },
      schema: {
        tags: ['notes'],
        summary: 'Start a draft note (individual, family or psychiatric; DAP, SOAP, BIRP or GIRP)',
        params: episodeIdParamsSchema,
        body: noteCreateSchema,
        response: { 201: noteViewSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await createNote(deps, actorOf(request), request.params.id, request.body)),
  );

  app.get(
    '/v1/notes/attention',
    {
      config: { permission: 'clinical-note.read' },
      schema: {
        tags: ['notes'],
        summary: 'Notes unsigned past their program’s deadline and co-signatures waiting, of the caller and their supervisees',
        response: { 200: notesAttentionSchema },
      },
    },
    async (request) => notesNeedingAttention(deps, actorOf(request)),
  );

  app.post(
    '/v1/notes/sign',
    {
      config: { permission: 'note.sign' },
      schema: {
        tags: ['notes'],
        summary: 'Sign several of one’s drafts at once: all or none',
        body: noteBatchSignSchema,
        response: { 200: noteBatchSignedSchema },
      },
    },
    async (request) => signNotes(deps, actorOf(request), request.body),
  );

  app.get(
    '/v1/notes/:id',
    {
      config: { permission: 'clinical-note.read' },
      schema: {
        tags: ['notes'],
        summary: 'A note with its addenda, content hash and co-signature (audited)',
        params: noteIdParamsSchema,
        response: { 200: noteViewSchema },
      },
    },
    async (request) => readNote(deps, actorOf(request), request.params.id),
  );

  app.get(
    '/v1/notes/:id/pdf',
    {
      config: { permission: 'clinical-note.read' },
      schema: {
        tags: ['notes'],
        summary: 'A signed note as a PDF download (a group note: this participant’s part only), with the Part 2 notice on a Part 2 record (409 for a draft; audited as an export)',
        params: noteIdParamsSchema,
        produces: ['application/pdf'],
      },
    },
    async (request, reply) => sendPdf(reply, await exportNote(deps, actorOf(request), request.params.id)),
  );

  app.put(
    '/v1/notes/:id',
    {
      config: { permission: 'note.sign' },
      schema: {
        tags: ['notes'],
        summary: 'Save a draft (409 when signed, or on a stale version)',
        params: noteIdParamsSchema,
        body: noteUpdateSchema,
        response: { 200: noteViewSchema },
      },
    },
    async (request) => updateNote(deps, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/v1/notes/:id/sign',
    {
      config: { permission: 'note.sign' },
      schema: {
        tags: ['notes'],
        summary: 'Sign one’s draft: every section filled; the note is then locked and hashed',
        params: noteIdParamsSchema,
        body: noteSignSchema,
        response: { 200: noteViewSchema },
      },
    },
    async (request) => signNote(deps, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/v1/notes/:id/cosign',
    {
      config: { permission: 'note.cosign' },
      schema: {
        tags: ['notes'],
        summary: 'Co-sign a pre-licensed author’s signed note, as their supervisor',
        params: noteIdParamsSchema,
        body: noteCosignSchema,
        response: { 200: noteViewSchema },
      },
    },
    async (request) => cosignNote(deps, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/v1/notes/:id/addenda',
    {
      config: { permission: 'note.sign' },
      schema: {
        tags: ['notes'],
        summary: 'Add an addendum to a signed note (the note itself never changes)',
        params: noteIdParamsSchema,
        body: addendumCreateSchema,
        response: { 201: noteViewSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await addAddendum(deps, actorOf(request), request.params.id, request.body)),
  );

  app.get(
    '/v1/sessions/:id/group-note',
    {
      config: { permission: 'clinical-note.read' },
      schema: {
        tags: ['notes'],
        summary: 'A session’s group note: shared sections, an entry per attendee from the roll, near-duplicate warnings',
        params: sessionNoteParamsSchema,
        response: { 200: groupNoteViewSchema },
      },
    },
    async (request) => readGroupNote(deps, actorOf(request), request.params.id),
  );

  app.put(
    '/v1/sessions/:id/group-note',
    {
      config: { permission: 'note.sign' },
      schema: {
        tags: ['notes'],
        summary: 'Save a session’s group note draft (version 0 for the first save; 409 on a stale version)',
        params: sessionNoteParamsSchema,
        body: groupNoteSaveSchema,
        response: { 200: groupNoteViewSchema },
      },
    },
    async (request) => saveGroupNote(deps, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/v1/sessions/:id/group-note/sign',
    {
      config: { permission: 'note.sign' },
      schema: {
        tags: ['notes'],
        summary: 'Sign a group note: one note into each attendee’s chart, in one transaction',
        params: sessionNoteParamsSchema,
        body: groupNoteSignSchema,
        response: { 200: groupNoteViewSchema },
      },
    },
    async (request) => signGroupNote(deps, actorOf(request), request.params.id, request.body),
  );
};
