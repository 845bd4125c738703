import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUILTIN_PROVIDERS } from '../../../../main/oauth/builtin-providers';
import { parseClientFile, readClientFile } from '../../../../main/oauth/client-file';
import { clientFileCandidates } from '../../../../main/oauth/options';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

function problem(json: unknown): string {
  const result = parseClientFile(typeof json === 'string' ? json : JSON.stringify(json), 'clients.json');
  if (result.ok) throw new Error('expected a problem');
  return result.problem;
}

describe('the OAuth2 client file', () => {
  it('gives client ids to built-in providers and adds providers by issuer', () => {
    const result = parseClientFile(
      JSON.stringify({
        providers: {
          google: { clientId: 'g-id.apps.googleusercontent.com', clientSecret: 'g-secret' },
          microsoft: { clientId: 'ms-id' },
          'my-idp': { name: 'My IdP', issuer: 'https://id.example.org', scopes: ['openid', 'mail'], clientId: 'porthole' },
          local: { issuer: 'http://127.0.0.1:8080', scopes: ['mail'], clientId: 'dev' },
        },
      }),
      'clients.json',
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.file.clients.get('google')).toEqual({ clientId: 'g-id.apps.googleusercontent.com', clientSecret: 'g-secret' });
    expect(result.file.clients.get('microsoft')).toEqual({ clientId: 'ms-id', clientSecret: null });
    expect(result.file.extraProviders).toEqual([
      { id: 'my-idp', name: 'My IdP', issuer: 'https://id.example.org', scopes: ['openid', 'mail'] },
      { id: 'local', name: 'local', issuer: 'http://127.0.0.1:8080', scopes: ['mail'] },
    ]);
  });

  it('says what is wrong with a broken file, naming it', () => {
    expect(problem('{ "providers": ')).toMatch(/clients\.json is not valid JSON/);
    expect(problem({ google: { clientId: 'x' } })).toMatch(/clients\.json is not in the expected form at "providers"/);
    expect(problem({ providers: { google: { clientId: '' } } })).toMatch(/at "providers\.google\.clientId"/);
    expect(problem({ providers: { google: { clientId: 'x', issuer: 'https://evil.example' } } })).toMatch(/knows that provider already/);
    expect(problem({ providers: { mine: { clientId: 'x' } } })).toMatch(/"mine" Porthole does not know; give its issuer and scopes/);
    expect(problem({ providers: { 'Bad Id': { clientId: 'x' } } })).toMatch(/expected form/);
  });

  it('refuses a plain-HTTP issuer unless it is on this computer', () => {
    expect(problem({ providers: { idp: { issuer: 'http://id.example.org', scopes: ['mail'], clientId: 'x' } } })).toMatch(/not HTTPS/);
    expect(problem({ providers: { idp: { issuer: 'http://10.0.0.1', scopes: ['mail'], clientId: 'x' } } })).toMatch(/not HTTPS/);
    expect(problem({ providers: { idp: { issuer: 'ftp://127.0.0.1', scopes: ['mail'], clientId: 'x' } } })).toMatch(/not HTTPS/);
  });

  it('no file is no client ids; the first file found wins; an unreadable one is a problem', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'porthole-clients-'));
    dirs.push(dir);
    const missing = await readClientFile([join(dir, 'none.json')]);
    expect(missing).toMatchObject({ path: null, result: { ok: true } });
    await writeFile(join(dir, 'b.json'), JSON.stringify({ providers: { microsoft: { clientId: 'from-b' } } }));
    const found = await readClientFile([join(dir, 'a.json'), join(dir, 'b.json')]);
    expect(found.path).toBe(join(dir, 'b.json'));
    expect(found.result.ok && found.result.file.clients.get('microsoft')?.clientId).toBe('from-b');
    const directory = await readClientFile([dir]);
    expect(directory.result).toMatchObject({ ok: false, problem: expect.stringContaining('could not be read') as unknown });
  });

  it('is looked for where the options say, else in the profile directory', () => {
    expect(clientFileCandidates({ clientsFile: '/etc/porthole/clients.json' }, '/profile')).toEqual(['/etc/porthole/clients.json']);
    expect(clientFileCandidates({}, '/profile')[0]).toBe(join('/profile', 'oauth-clients.json'));
  });
});

describe('the built-in providers', () => {
  it.each(BUILTIN_PROVIDERS.map((p) => [p.id, p] as const))('%s has HTTPS endpoints, mail scopes and a unique id', (id, provider) => {
    expect(BUILTIN_PROVIDERS.filter((p) => p.id === id)).toHaveLength(1);
    expect(provider.id).toMatch(/^[a-z0-9][a-z0-9-]*$/);
    expect(provider.name).not.toBe('');
    for (const url of [provider.endpoints.issuer, provider.endpoints.authorizationEndpoint, provider.endpoints.tokenEndpoint]) {
      expect(new URL(url).protocol).toBe('https:');
    }
    expect(provider.scopes.length).toBeGreaterThan(0);
    expect(provider.scopes).toEqual(expect.arrayContaining(['openid', 'email']));
  });

  it('Google asks for full mail access; Microsoft for IMAP, POP and SMTP and a refresh token', () => {
    const [google, microsoft] = ['google', 'microsoft'].map((id) => BUILTIN_PROVIDERS.find((p) => p.id === id));
    expect(google?.scopes).toContain('https://mail.google.com/');
    expect(microsoft?.scopes).toEqual(
      expect.arrayContaining(['https://outlook.office.com/IMAP.AccessAsUser.All', 'https://outlook.office.com/POP.AccessAsUser.All', 'https://outlook.office.com/SMTP.Send', 'offline_access']),
    );
  });
});
