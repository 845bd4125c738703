import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startHarness } from './harness';
import { keepRunningOnUncaughtErrors } from './last-resort';
import { publicAddressesAnd } from '../remote/address-policy';
import { setDefaultAddressPolicy } from '../remote/fetch-images';

declare const PORTHOLE_VERSION: string | undefined;

// First of all, so that nothing the harness starts can take the process down with one error.
keepRunningOnUncaughtErrors();

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    profile: { type: 'string', default: join(homedir(), '.porthole-mail', 'web-profile') },
    renderer: { type: 'string', default: join(__dirname, '..', 'renderer') },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log('Usage: npm run web -- [--port N] [--profile DIR]\n  --port     port on 127.0.0.1 (0 picks a free one)\n  --profile  where the harness keeps accounts and passwords');
  process.exit(0);
}

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`--port must be a port number, not "${values.port}"`);
  process.exit(2);
}

// For tests that serve their own images on 127.0.0.1: exactly that address and port is allowed
// besides the public Internet (every other local address stays refused). Never set otherwise.
const testImageServer = /^(127\.0\.0\.1):(\d{1,5})$/.exec(process.env.PORTHOLE_TEST_IMAGE_SERVER ?? '');
if (testImageServer) {
  setDefaultAddressPolicy(publicAddressesAnd({ address: testImageServer[1]!, port: Number(testImageServer[2]) }));
  console.log(`Remote images may also come from ${testImageServer[0]} (PORTHOLE_TEST_IMAGE_SERVER, for tests).`);
}

startHarness({ port, profileDir: values.profile, rendererDir: values.renderer, version: typeof PORTHOLE_VERSION === 'string' ? PORTHOLE_VERSION : 'dev' })
  .then((harness) => {
    console.log(`Porthole web harness (profile ${values.profile})`);
    console.log(`Open: ${harness.url}`);
    const shutdown = (): void => {
      void harness.close().finally(() => process.exit(0));
    };
    process.on('SIGINT', shutdown);
    process.on('SIGTERM', shutdown);
  })
  .catch((error: unknown) => {
    console.error(`Could not start the harness: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
