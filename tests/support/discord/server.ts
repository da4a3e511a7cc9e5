/**
 * A local Discord-compatible server for tests: the REST routes the bot uses (under /api/v10) and a gateway
 * WebSocket (HELLO, IDENTIFY → READY → GUILD_CREATE, heartbeats, RESUME). It records every REST call so tests
 * can wait for and assert on them, and serves attachment files. Point the bot's DISCORD_API_URL at `apiUrl`.
 *
 * Sharded as Discord shards: IDENTIFY may carry `shard: [id, count]` (absent means [0, 1]); a guild belongs to
 * shard `(guild_id >> 22) % count`, whose session alone gets its READY entry, GUILD_CREATE and every event of it;
 * events of no guild (DMs) go to shard 0. `/gateway/bot` recommends `recommendedShards`. A session outlives its
 * connection: what is dispatched while it is dropped (`dropShard`) is kept, and RESUME replays every event after
 * the client's sequence before RESUMED, as Discord does.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { isMultipart, readMultipart, type UploadedFile } from './multipart.js';
import { snowflake } from './snowflake.js';

export interface RecordedRequest {
  method: string;
  /** Decoded path after /api/v10, e.g. `/webhooks/1/tok/messages/@original`. */
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  /** Parsed JSON body (a multipart upload's `payload_json`), or the raw text when not JSON, or null. */
  body: any;
  /** Files a multipart request uploaded, byte for byte. */
  files: UploadedFile[];
  at: number;
}

export interface UserFixture {
  id: string;
  username: string;
  global_name: string | null;
  discriminator: string;
  avatar: null;
  bot?: boolean;
}

export interface ChannelFixture {
  id: string;
  type: number;
  name: string;
  guild_id?: string;
  parent_id?: string | null;
  owner_id?: string;
  position?: number;
  permission_overwrites?: unknown[];
  thread_metadata?: Record<string, unknown>;
}

export interface GuildFixture {
  id: string;
  name: string;
  ownerId: string;
  channels: ChannelFixture[];
  threads: ChannelFixture[];
  roles: { id: string; name: string; permissions: string; position: number }[];
  botRoleId: string;
}

type Responder = (req: RecordedRequest) => { status: number; body?: unknown } | undefined;

interface Waiter {
  predicate: (r: RecordedRequest) => boolean;
  resolve: (r: RecordedRequest) => void;
}

/** The shard Discord sends a guild's events to: `(guild_id >> 22) % shards`. */
export function shardOf(guildId: string, shards: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shards));
}

/** A gateway session (one shard's), kept across a dropped connection so RESUME can replay what it missed. */
export interface GatewaySession {
  id: string;
  shard: [number, number];
  seq: number;
  /** Every dispatch of this session, in order (RESUME replays those after the client's sequence). */
  sent: { s: number; t: string; d: any }[];
  /** The connection, or null while dropped. */
  ws: WebSocket | null;
}

/** The permissions the bot's own role gets (send, threads, embeds, read history...). */
const BOT_PERMISSIONS = String((1n << 10n) | (1n << 11n) | (1n << 14n) | (1n << 15n) | (1n << 16n) | (1n << 35n) | (1n << 38n));

export class FakeDiscord {
  readonly requests: RecordedRequest[] = [];
  readonly applicationId = snowflake();
  readonly botUser: UserFixture = {
    id: this.applicationId,
    username: 'Verbatim',
    global_name: null,
    discriminator: '0000',
    avatar: null,
    bot: true,
  };
  readonly guilds = new Map<string, GuildFixture>();
  /** The last IDENTIFY payload (token, intents, shard). */
  identify: any = null;
  /** Every IDENTIFY payload, in order (one per shard; another means a session was started again, not resumed). */
  readonly identifies: any[] = [];
  /** Every RESUME accepted: the session's shard, the sequence the client had and how many events were replayed. */
  readonly resumes: { shard: number; seq: number; replayed: number }[] = [];
  /** Close the gateway with this code on IDENTIFY instead of READY (4004 bad token, 4014 disallowed intents). */
  closeOnIdentify: number | null = null;
  /** The shard count `/gateway/bot` recommends (what `shards: 'auto'` runs). */
  recommendedShards = 1;
  /** Shards that may identify at once (`session_start_limit.max_concurrency`; 1 spaces identifies 5 s apart). */
  maxConcurrency = 1;
  /** IDENTIFY with fewer shards than this is closed with 4011 (Sharding required), as Discord does above 2,500 servers. */
  requiredShards = 1;
  /** Live and dropped sessions by id; a new IDENTIFY for a shard replaces that shard's old session. */
  readonly sessions = new Map<string, GatewaySession>();
  private readonly files = new Map<string, { bytes: Buffer; contentType: string }>();
  private readonly sockets = new Set<WebSocket>();
  private readonly sessionOf = new WeakMap<WebSocket, GatewaySession>();
  private readonly waiters = new Set<Waiter>();
  private readonly responders: Responder[] = [];
  private readonly originals = new Map<string, any>();
  /** Interaction token → channel id, so replies come back as messages of the right channel. */
  private readonly interactionChannels = new Map<string, string>();
  private readonly server: http.Server;
  private readonly wss: WebSocketServer;
  private port = 0;
  private identified!: Promise<void>;
  private markIdentified!: () => void;

  private constructor() {
    this.resetIdentified();
    this.server = http.createServer((req, res) => void this.handleHttp(req, res));
    this.wss = new WebSocketServer({ noServer: true });
    this.server.on('upgrade', (req, socket, head) => {
      if (!req.url?.startsWith('/gateway')) {
        socket.destroy();
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => this.handleSocket(ws));
    });
  }

  static async start(): Promise<FakeDiscord> {
    const fake = new FakeDiscord();
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.port = (fake.server.address() as AddressInfo).port;
    return fake;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** What DISCORD_API_URL should be. */
  get apiUrl(): string {
    return `${this.baseUrl}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}/gateway`;
  }

  private resetIdentified(): void {
    this.identified = new Promise((resolve) => (this.markIdentified = resolve));
  }

  /** Resolves once a client has identified on the gateway (READY and GUILD_CREATEs were sent). */
  whenIdentified(): Promise<void> {
    return this.identified;
  }

  /**
   * A guild with one text channel; add it before the bot connects (or it is sent as GUILD_CREATE now).
   * `onShard: [id, count]` picks its id so that Discord would place it on that shard of that many.
   */
  addGuild(name = 'Test server', onShard?: [number, number]): GuildFixture {
    let id = snowflake();
    for (;;) {
      if (onShard && shardOf(id, onShard[1]) !== onShard[0]) {
        const [shard, count] = onShard;
        const off = BigInt((shard - shardOf(id, count) + count) % count);
        // That many milliseconds later, under worker id 2 (snowflake() makes 1), so it meets no id made otherwise.
        id = String(((BigInt(id) + (off << 22n)) & ~(0x1fn << 17n)) | (2n << 17n));
      }
      if (!this.guilds.has(id)) break;
      id = snowflake(); // more than 4,096 ids in one millisecond: the counter wrapped
    }
    const guild: GuildFixture = {
      id,
      name,
      ownerId: snowflake(),
      channels: [{ id: snowflake(), type: 0, name: 'general', guild_id: id, parent_id: null, position: 0, permission_overwrites: [] }],
      threads: [],
      roles: [{ id, name: '@everyone', permissions: String((1n << 10n) | (1n << 11n) | (1n << 31n)), position: 0 }],
      botRoleId: snowflake(),
    };
    this.guilds.set(id, guild);
    if (this.sockets.size > 0) this.dispatch('GUILD_CREATE', this.guildCreatePayload(guild));
    return guild;
  }

  /** A role in the guild (sent as GUILD_ROLE_CREATE when a client is connected, as Discord does). */
  addRole(guild: GuildFixture, name: string, permissions = '0'): string {
    const id = snowflake();
    const role = { id, name, permissions, position: guild.roles.length };
    guild.roles.push(role);
    if (this.sockets.size > 0) {
      this.dispatch('GUILD_ROLE_CREATE', {
        guild_id: guild.id,
        role: { ...role, color: 0, hoist: false, managed: false, mentionable: false, flags: 0, icon: null, unicode_emoji: null },
      });
    }
    return id;
  }

  /** Serves bytes at a URL on this server, as Discord's CDN serves attachments. */
  serveFile(name: string, bytes: Buffer, contentType = 'text/plain; charset=utf-8'): string {
    const path = `/attachments/${snowflake()}/${encodeURIComponent(name)}`;
    this.files.set(path, { bytes, contentType });
    return `${this.baseUrl}${path}`;
  }

  /** Overrides the response of matching REST calls (return undefined to fall through to the default). */
  respond(responder: Responder): () => void {
    this.responders.unshift(responder);
    return () => {
      const i = this.responders.indexOf(responder);
      if (i >= 0) this.responders.splice(i, 1);
    };
  }

  /** Resolves with the first recorded REST call (past or future) matching the predicate. */
  waitForRequest(predicate: (r: RecordedRequest) => boolean, timeoutMs = 5000): Promise<RecordedRequest> {
    const seen = this.requests.find(predicate);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        predicate,
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        const recent = this.requests
          .slice(-8)
          .map((r) => `${r.method} ${r.path}`)
          .join('\n  ');
        reject(new Error(`no matching REST request within ${timeoutMs} ms; recent:\n  ${recent}`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** The REST calls made with an interaction's token (its callback, edits, follow-ups), in order. */
  callsFor(token: string): RecordedRequest[] {
    return this.requests.filter((r) => r.path.includes(`/${token}`));
  }

  /** Dispatches INTERACTION_CREATE; returns the interaction's token (its REST calls carry it). */
  sendInteraction(payload: { token: string; channel_id?: string; [field: string]: unknown }): string {
    if (payload.channel_id) this.interactionChannels.set(payload.token, payload.channel_id);
    this.dispatch('INTERACTION_CREATE', payload);
    return payload.token;
  }

  /**
   * Sends a gateway dispatch (INTERACTION_CREATE, MESSAGE_CREATE, ...) to the session of the shard its guild is on
   * (shard 0 for events of no guild); a dropped session keeps it for RESUME.
   */
  dispatch(t: string, d: any): void {
    const guildId: string | undefined = d?.guild_id ?? (t.startsWith('GUILD_') ? d?.id : undefined);
    for (const session of this.sessions.values()) {
      const [shard, count] = session.shard;
      if (guildId ? shardOf(guildId, count) === shard : shard === 0) this.send(session, t, d);
    }
  }

  /** The live or dropped session of a shard. */
  session(shard: number): GatewaySession | undefined {
    return [...this.sessions.values()].find((s) => s.shard[0] === shard);
  }

  /** The shard whose session got the dispatch carrying this interaction token. */
  shardFor(token: string): number | undefined {
    for (const session of this.sessions.values()) if (session.sent.some((e) => e.d?.token === token)) return session.shard[0];
    return undefined;
  }

  /**
   * Drops a shard's connection as a network failure would (no close frame, so the client sees 1006 and resumes).
   * Events dispatched meanwhile wait in its session for the RESUME.
   */
  dropShard(shard: number): void {
    const session = this.session(shard);
    if (!session?.ws) throw new Error(`shard ${shard} has no connection to drop`);
    const ws = session.ws;
    session.ws = null;
    ws.terminate();
  }

  /** Resolves when the client resumes a shard's session (at once if it has `count` resumes already). */
  async waitForResume(shard: number, count = 1, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.resumes.filter((r) => r.shard === shard).length < count) {
      if (Date.now() > deadline) throw new Error(`shard ${shard} did not resume within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  private send(session: GatewaySession, t: string, d: unknown): void {
    const s = ++session.seq;
    session.sent.push({ s, t, d });
    session.ws?.send(JSON.stringify({ op: 0, t, s, d }));
  }

  async close(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // --- gateway -----------------------------------------------------------------------------------------

  private handleSocket(ws: WebSocket): void {
    this.sockets.add(ws);
    ws.on('close', (code) => {
      this.sockets.delete(ws);
      const session = this.sessionOf.get(ws);
      if (!session || session.ws !== ws) return;
      session.ws = null;
      // A clean close (the client logging out) ends the session; anything else leaves it to resume.
      if (code === 1000 || code === 1001) this.sessions.delete(session.id);
    });
    ws.on('error', () => this.sockets.delete(ws));
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 41_250 } }));
    ws.on('message', (raw) => {
      let msg: { op: number; d: any };
      try {
        msg = JSON.parse(String(raw));
      } catch {
        return;
      }
      if (msg.op === 1) ws.send(JSON.stringify({ op: 11 }));
      else if (msg.op === 2) this.onIdentify(ws, msg.d);
      else if (msg.op === 6) this.onResume(ws, msg.d);
    });
  }

  private onResume(ws: WebSocket, d: any): void {
    const session = this.sessions.get(d?.session_id);
    if (!session || d?.token !== this.identify?.token) {
      ws.send(JSON.stringify({ op: 9, d: false })); // invalid session: identify again
      return;
    }
    session.ws?.terminate();
    session.ws = ws;
    this.sessionOf.set(ws, session);
    const missed = session.sent.filter((e) => e.s > Number(d.seq ?? 0));
    for (const e of missed) ws.send(JSON.stringify({ op: 0, t: e.t, s: e.s, d: e.d }));
    this.resumes.push({ shard: session.shard[0], seq: Number(d.seq ?? 0), replayed: missed.length });
    this.send(session, 'RESUMED', {});
  }

  private onIdentify(ws: WebSocket, d: any): void {
    this.identify = d;
    this.identifies.push(d);
    if (this.closeOnIdentify !== null) {
      ws.close(this.closeOnIdentify, 'refused');
      return;
    }
    const shard: [number, number] = Array.isArray(d?.shard) ? [Number(d.shard[0]), Number(d.shard[1])] : [0, 1];
    if (!(shard[1] >= 1 && shard[0] >= 0 && shard[0] < shard[1])) {
      ws.close(4010, 'Invalid shard');
      return;
    }
    if (shard[1] < this.requiredShards) {
      ws.close(4011, 'Sharding required');
      return;
    }
    for (const old of this.sessions.values()) {
      if (old.shard[0] !== shard[0]) continue;
      this.sessions.delete(old.id);
      if (old.ws !== ws) old.ws?.terminate();
    }
    const session: GatewaySession = { id: `session-${snowflake()}`, shard, seq: 0, sent: [], ws };
    this.sessions.set(session.id, session);
    this.sessionOf.set(ws, session);
    const mine = [...this.guilds.values()].filter((g) => shardOf(g.id, shard[1]) === shard[0]);
    this.send(session, 'READY', {
      v: 10,
      user: { ...this.botUser, verified: true, flags: 0, mfa_enabled: false },
      guilds: mine.map((g) => ({ id: g.id, unavailable: true })),
      session_id: session.id,
      resume_gateway_url: this.gatewayUrl,
      shard,
      application: { id: this.applicationId, flags: 0 },
      private_channels: [],
      relationships: [],
      presences: [],
      guild_join_requests: [],
      geo_ordered_rtc_regions: [],
      user_settings: {},
    });
    for (const guild of mine) this.send(session, 'GUILD_CREATE', this.guildCreatePayload(guild));
    this.markIdentified();
  }

  guildCreatePayload(guild: GuildFixture): Record<string, unknown> {
    const botRole = { id: guild.botRoleId, name: 'Verbatim', permissions: BOT_PERMISSIONS, position: 1 };
    return {
      id: guild.id,
      name: guild.name,
      icon: null,
      splash: null,
      discovery_splash: null,
      owner_id: guild.ownerId,
      afk_channel_id: null,
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      roles: [...guild.roles, botRole].map((r) => ({
        ...r,
        color: 0,
        colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
        hoist: false,
        managed: r.id === botRole.id,
        mentionable: false,
        flags: 0,
        icon: null,
        unicode_emoji: null,
      })),
      emojis: [],
      stickers: [],
      features: [],
      mfa_level: 0,
      system_channel_id: null,
      system_channel_flags: 0,
      rules_channel_id: null,
      vanity_url_code: null,
      description: null,
      banner: null,
      premium_tier: 0,
      preferred_locale: 'en-US',
      public_updates_channel_id: null,
      nsfw_level: 0,
      premium_progress_bar_enabled: false,
      joined_at: new Date().toISOString(),
      large: false,
      unavailable: false,
      member_count: 2,
      voice_states: [],
      members: [
        {
          user: this.botUser,
          roles: [botRole.id],
          joined_at: new Date().toISOString(),
          deaf: false,
          mute: false,
          flags: 0,
        },
      ],
      channels: guild.channels,
      threads: guild.threads,
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }

  // --- REST --------------------------------------------------------------------------------------------

  private async handleHttp(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', this.baseUrl);

    const file = this.files.get(url.pathname);
    if (url.pathname.startsWith('/attachments/')) {
      if (!file) return send(res, 404, { message: 'Unknown attachment' });
      res.writeHead(200, { 'content-type': file.contentType, 'content-length': String(file.bytes.length) });
      res.end(file.bytes);
      return;
    }
    if (!url.pathname.startsWith('/api/v10/')) return send(res, 404, { message: '404: Not Found', code: 0 });

    let body: any = null;
    let files: UploadedFile[] = [];
    const text = raw.toString('utf8');
    if (isMultipart(req.headers['content-type'])) {
      ({ payload: body, files } = await readMultipart(raw, req.headers['content-type']!));
    } else if (text) {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      path: decodeURIComponent(url.pathname.slice('/api/v10'.length)),
      query: url.searchParams,
      headers: req.headers,
      body,
      files,
      at: performance.now(),
    };
    this.requests.push(recorded);
    for (const waiter of [...this.waiters]) {
      if (waiter.predicate(recorded)) {
        this.waiters.delete(waiter);
        waiter.resolve(recorded);
      }
    }
    for (const responder of this.responders) {
      const custom = responder(recorded);
      if (custom) return send(res, custom.status, custom.body);
    }
    const { status, body: out } = this.route(recorded);
    send(res, status, out);
  }

  private route(r: RecordedRequest): { status: number; body?: unknown } {
    const p = r.path.split('/').filter(Boolean);
    const m = `${r.method} /${p.map((s, i) => (i % 2 === 1 && /^\d+$/.test(s) ? ':id' : s)).join('/')}`;
    if (r.method === 'GET' && (r.path === '/gateway/bot' || r.path === '/gateway')) {
      return {
        status: 200,
        body: {
          url: this.gatewayUrl,
          shards: this.recommendedShards,
          session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: this.maxConcurrency },
        },
      };
    }
    // POST /interactions/:id/:token/callback
    if (r.method === 'POST' && p[0] === 'interactions' && p[3] === 'callback') {
      const token = p[2]!;
      const type = r.body?.type as number;
      if (type === 4 || type === 5) {
        this.originals.set(
          token,
          this.message({ channel_id: this.channelOf(token), ...(r.body?.data ?? {}), webhook_id: this.applicationId }),
        );
      }
      if (r.query.get('with_response') === 'true') {
        return {
          status: 200,
          body: {
            interaction: {
              id: p[1],
              type: 2,
              response_message_id: this.originals.get(token)?.id,
              response_message_loading: type === 5,
              response_message_ephemeral: false,
            },
            resource: { type, ...(this.originals.has(token) ? { message: this.originals.get(token) } : {}) },
          },
        };
      }
      return { status: 204 };
    }
    // Interaction webhooks: /webhooks/:app/:token[/messages/:id]
    if (p[0] === 'webhooks') {
      const token = p[2]!;
      if (r.method === 'POST' && p.length === 3)
        return { status: 200, body: this.message({ channel_id: this.channelOf(token), ...r.body, webhook_id: this.applicationId }) };
      if (p[3] === 'messages') {
        const id = p[4]!;
        if (r.method === 'DELETE') return { status: 204 };
        const existing = id === '@original' ? this.originals.get(token) : null;
        const base = existing ?? this.message({ channel_id: this.channelOf(token), webhook_id: this.applicationId });
        if (r.method === 'PATCH') {
          const edited = { ...base, ...r.body, edited_timestamp: new Date().toISOString() };
          if (id === '@original') this.originals.set(token, edited);
          return { status: 200, body: edited };
        }
        if (r.method === 'GET') return { status: 200, body: base };
      }
    }
    if (m === 'POST /channels/:id/messages') return { status: 200, body: this.message({ ...r.body, channel_id: p[1] }) };
    if (m === 'POST /channels/:id/typing') return { status: 204 };
    if (m === 'POST /channels/:id/messages/:id/threads') {
      const parent = this.findChannel(p[1]!);
      const thread: ChannelFixture & Record<string, unknown> = {
        id: p[3]!,
        type: 11,
        name: r.body?.name ?? 'thread',
        guild_id: parent?.guild_id ?? '0',
        parent_id: p[1]!,
        owner_id: this.botUser.id,
        last_message_id: null,
        rate_limit_per_user: 0,
        message_count: 0,
        member_count: 1,
        total_message_sent: 0,
        flags: 0,
        thread_metadata: {
          archived: false,
          auto_archive_duration: r.body?.auto_archive_duration ?? 1440,
          archive_timestamp: new Date().toISOString(),
          locked: false,
          create_timestamp: new Date().toISOString(),
        },
      };
      const guild = parent?.guild_id ? this.guilds.get(parent.guild_id) : undefined;
      guild?.threads.push(thread);
      return { status: 201, body: thread };
    }
    if (m === 'GET /channels/:id') {
      const channel = this.findChannel(p[1]!);
      return channel ? { status: 200, body: channel } : { status: 404, body: { message: 'Unknown Channel', code: 10003 } };
    }
    if (r.method === 'PUT' && p[0] === 'applications' && p[p.length - 1] === 'commands') {
      const list = Array.isArray(r.body) ? r.body : [];
      return {
        status: 200,
        body: list.map((c: Record<string, unknown>) => ({
          ...c,
          id: snowflake(),
          application_id: this.applicationId,
          version: snowflake(),
          type: 1,
        })),
      };
    }
    return { status: 404, body: { message: `Unknown route ${r.method} ${r.path}`, code: 0 } };
  }

  private channelOf(token: string): string {
    return this.interactionChannels.get(token) ?? '0';
  }

  findChannel(id: string): ChannelFixture | undefined {
    for (const guild of this.guilds.values()) {
      const found = guild.channels.find((c) => c.id === id) ?? guild.threads.find((c) => c.id === id);
      if (found) return found;
    }
    return undefined;
  }

  /** A message object as Discord returns it, authored by the bot. */
  message(fields: Record<string, unknown>): Record<string, unknown> {
    return {
      id: snowflake(),
      type: fields.message_reference ? 19 : 0,
      content: '',
      embeds: [],
      components: [],
      attachments: [],
      author: this.botUser,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      pinned: false,
      flags: 0,
      ...fields,
    };
  }
}

function send(res: http.ServerResponse, status: number, body?: unknown): void {
  if (status === 204 || body === undefined) {
    res.writeHead(status);
    res.end();
    return;
  }
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(json)) });
  res.end(json);
}
