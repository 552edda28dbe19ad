/**
 * The local stack's mailer (DESIGN 3.3): every message becomes an `.eml` file in an outbox directory
 * that a person can open in any mail client, and `GET /_local/outbox` lists.
 *
 * Layout of the directory:
 * - `<timestamp>-<proposalId>-<step>.eml`: the RFC 5322 message (`-2`, `-3`, ... before `.eml` in the
 *   rare case that two versions of one step are sent in the same millisecond);
 * - `index/<sha256 of the Message-ID>.json`: one JSON sidecar per message, its {@link OutboxEntry}.
 *   The sidecar is keyed by the Message-ID, so it is also the record that the message was sent:
 *   sending the same Message-ID again finds it and writes nothing.
 *
 * Every file is written to a temporary file first and then hard-linked to its name. A link, unlike
 * a rename, refuses to replace an existing name, so of two concurrent sends of one message exactly
 * one claims the sidecar, and the other removes its `.eml` again.
 */
import { createHash, randomUUID } from 'node:crypto';
import { link, mkdir, readdir, readFile, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import * as z from 'zod';
import { type Clock, systemClock } from '#shared/ports/clock.ts';
import type { MailerPort, OutgoingMessage } from '#shared/ports/mailer.ts';
import { toMime } from './mime.ts';

/** One sent message as the outbox lists it. */
export interface OutboxEntry {
  readonly to: readonly string[];
  /** Informed (DESIGN 2.3): the other members; empty when everyone is in `to`. */
  readonly cc: readonly string[];
  readonly subject: string;
  readonly proposalId: string;
  readonly step: string;
  /** When it was written (the injected clock), ISO-8601 UTC; also its `Date` header. */
  readonly at: string;
  readonly messageId: string;
  /** The `.eml` file's name inside the outbox directory. */
  readonly file: string;
}

const entrySchema = z.object({
  to: z.array(z.string()),
  // An outbox written before Cc existed lists no Cc.
  cc: z.array(z.string()).default([]),
  subject: z.string(),
  proposalId: z.string(),
  step: z.string(),
  at: z.iso.datetime(),
  messageId: z.string(),
  file: z.string(),
});

const INDEX_DIR = 'index';
/** More same-millisecond versions of one step than this is a runaway loop, not mail. */
const MAX_NAME_ATTEMPTS = 100;

/** Properties of an {@link OutboxMailer}. */
export interface OutboxMailerProps {
  /** The outbox directory; created on the first send. */
  readonly dir: string;
  /** @default systemClock */
  readonly clock?: Clock;
}

const isErrorCode = (error: unknown, code: string): boolean =>
  error instanceof Error && (error as NodeJS.ErrnoException).code === code;

/** Writes `data` under `target` unless that name exists; false when it does. */
async function writeNew(target: string, data: string | Buffer): Promise<boolean> {
  const temp = join(dirname(target), `.${randomUUID()}.tmp`);
  // Mode 0600: e-mails carry names and addresses; nobody else on the machine reads them.
  await writeFile(temp, data, { flag: 'wx', mode: 0o600 });
  try {
    await link(temp, target);
    return true;
  } catch (error) {
    if (isErrorCode(error, 'EEXIST')) return false;
    throw error;
  } finally {
    // The temporary name is this call's own: unlink it (rm would stat it first).
    await unlink(temp);
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if (isErrorCode(error, 'ENOENT')) return false;
    throw error;
  }
}

function sidecarPath(dir: string, messageId: string): string {
  return join(dir, INDEX_DIR, `${createHash('sha256').update(messageId).digest('hex')}.json`);
}

function emlBaseName(at: Date, message: OutgoingMessage): string {
  const stamp = at.toISOString().replace(/[:.]/g, '-');
  const safe = (text: string) => text.replace(/[^A-Za-z0-9_-]/g, '_');
  return `${stamp}-${safe(message.proposalId)}-${safe(message.step)}`;
}

/** Writes the `.eml` under the first free name; returns that name. */
async function writeEml(dir: string, baseName: string, mime: Buffer): Promise<string> {
  for (let attempt = 1; attempt <= MAX_NAME_ATTEMPTS; attempt++) {
    const file = `${baseName}${attempt === 1 ? '' : `-${attempt}`}.eml`;
    if (await writeNew(join(dir, file), mime)) return file;
  }
  throw new Error(`outbox: ${MAX_NAME_ATTEMPTS} files named ${baseName}*.eml exist in ${dir}`);
}

/** A {@link MailerPort} that writes each message into an outbox directory, once per Message-ID. */
export class OutboxMailer implements MailerPort {
  readonly dir: string;
  private readonly clock: Clock;
  private indexDir: Promise<unknown> | undefined;

  constructor(props: OutboxMailerProps) {
    this.dir = props.dir;
    this.clock = props.clock ?? systemClock;
  }

  /** Writes the message's `.eml` and sidecar; does nothing when its Message-ID was written before. */
  async send(message: OutgoingMessage): Promise<void> {
    const sidecar = sidecarPath(this.dir, message.messageId);
    if (await exists(sidecar)) return;
    // Once per mailer (a failure is tried again): a burst of deadlines sends hundreds of e-mails.
    this.indexDir ??= mkdir(join(this.dir, INDEX_DIR), { recursive: true, mode: 0o700 }).catch(
      (error: unknown) => {
        this.indexDir = undefined;
        throw error;
      },
    );
    await this.indexDir;
    const at = this.clock.now();
    const file = await writeEml(this.dir, emlBaseName(at, message), await toMime(message, at));
    const { to, subject, proposalId, step, messageId } = message;
    const cc = message.cc ?? [];
    const entry: OutboxEntry = { to, cc, subject, proposalId, step, at: at.toISOString(), messageId, file };
    // Lost the race to a concurrent send of the same message: that one's file stands.
    if (!(await writeNew(sidecar, `${JSON.stringify(entry, null, 2)}\n`))) {
      await rm(join(this.dir, file), { force: true });
    }
  }
}

/**
 * The messages in an outbox directory, oldest first (by `at`, then file name), read from their
 * sidecars. An outbox that does not exist yet is empty.
 */
export async function listOutbox(dir: string): Promise<OutboxEntry[]> {
  let names: string[];
  try {
    names = await readdir(join(dir, INDEX_DIR));
  } catch (error) {
    if (isErrorCode(error, 'ENOENT')) return [];
    throw error;
  }
  const sidecars = names.filter((name) => name.endsWith('.json'));
  const entries = await Promise.all(
    sidecars.map(async (name) =>
      entrySchema.parse(JSON.parse(await readFile(join(dir, INDEX_DIR, name), 'utf8'))),
    ),
  );
  return entries.sort((a, b) => a.at.localeCompare(b.at) || a.file.localeCompare(b.file));
}
