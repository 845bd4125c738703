import { readFile } from 'node:fs/promises';
import * as z from 'zod/mini';
import { BUILTIN_PROVIDERS } from './builtin-providers';

/** A client registration with one provider: what whoever builds the app got from it. */
export interface OAuthClientRegistration {
  clientId: string;
  /** Google's "desktop app" clients have one (not secret in a desktop app, RFC 8252 §8.5); Microsoft's public clients none. */
  clientSecret: string | null;
}

/** A provider the client file adds by its issuer (a self-hosted one, or the tests' server). */
export interface ExtraProvider {
  id: string;
  name: string;
  issuer: string;
  scopes: readonly string[];
}

export interface OAuthClientFile {
  clients: ReadonlyMap<string, OAuthClientRegistration>;
  extraProviders: readonly ExtraProvider[];
}

/** What reading the file gave: its content, or why it could not be used (shown to the user, never a crash). */
export type ClientFileResult = { ok: true; file: OAuthClientFile } | { ok: false; problem: string };

const nonEmpty = z.string().check(z.minLength(1));

const registration = z.object({
  clientId: nonEmpty,
  clientSecret: z.optional(nonEmpty),
  // Only for a provider Porthole does not know: where it is and what to ask for.
  name: z.optional(nonEmpty),
  issuer: z.optional(z.url()),
  scopes: z.optional(z.array(nonEmpty)),
});

const clientFileSchema = z.object({ providers: z.record(z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,39}$/)), registration) });

const EMPTY: OAuthClientFile = { clients: new Map(), extraProviders: [] };

/**
 * Reads the first client file that exists among `paths`. None existing is no error: the build then
 * has no client ids, and `oauth:providers` says so for each provider.
 */
export async function readClientFile(paths: readonly string[]): Promise<{ path: string | null; result: ClientFileResult }> {
  for (const path of paths) {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      return { path, result: { ok: false, problem: `The OAuth2 client file ${path} could not be read: ${error instanceof Error ? error.message : String(error)}` } };
    }
    return { path, result: parseClientFile(text, path) };
  }
  return { path: null, result: { ok: true, file: EMPTY } };
}

/** Parses and checks a client file's text; `where` names it in the problem shown to the user. */
export function parseClientFile(text: string, where: string): ClientFileResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: `The OAuth2 client file ${where} is not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  const parsed = clientFileSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const at = first && first.path.length > 0 ? ` at "${first.path.join('.')}"` : '';
    return { ok: false, problem: `The OAuth2 client file ${where} is not in the expected form${at}: ${first?.message ?? 'invalid'}.` };
  }
  const clients = new Map<string, OAuthClientRegistration>();
  const extraProviders: ExtraProvider[] = [];
  for (const [id, entry] of Object.entries(parsed.data.providers)) {
    const builtin = BUILTIN_PROVIDERS.some((p) => p.id === id);
    if (builtin && (entry.issuer !== undefined || entry.scopes !== undefined)) {
      return { ok: false, problem: `The OAuth2 client file ${where} gives "${id}" an issuer or scopes; Porthole knows that provider already, so give only clientId (and clientSecret).` };
    }
    if (!builtin) {
      if (entry.issuer === undefined || entry.scopes === undefined) {
        return { ok: false, problem: `The OAuth2 client file ${where} names a provider "${id}" Porthole does not know; give its issuer and scopes too.` };
      }
      const issuerProblem = insecureIssuer(entry.issuer);
      if (issuerProblem) return { ok: false, problem: `The OAuth2 client file ${where}: provider "${id}": ${issuerProblem}` };
      extraProviders.push({ id, name: entry.name ?? id, issuer: entry.issuer, scopes: entry.scopes });
    }
    clients.set(id, { clientId: entry.clientId, clientSecret: entry.clientSecret ?? null });
  }
  return { ok: true, file: { clients, extraProviders } };
}

/** Tokens travel to the issuer: plain HTTP only to this computer (the tests' server), never over a network. */
function insecureIssuer(issuer: string): string | null {
  const url = new URL(issuer);
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return null;
  return `its issuer ${issuer} is not HTTPS (plain HTTP is allowed only on this computer, 127.0.0.1).`;
}

export function isLoopbackHost(hostname: string): boolean {
  return /^127(\.\d{1,3}){3}$/.test(hostname) || hostname === '[::1]' || hostname === 'localhost';
}
