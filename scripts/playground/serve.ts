/**
 * `npm run playground`: serve the playground page on 127.0.0.1 and print
 * its address (see server.ts for what is served). Ctrl-C stops it.
 */
import { pageAddress, playgroundServer } from './server.js';
import { parseSettings, trainFor } from './core.js';

const USAGE = `usage: npm run playground [-- --port N | --train QUERY]

Serves the playground page (train networks on 2-D data sets in the
browser, watch the decision boundary, the hidden units and the optimiser
race) on 127.0.0.1 and prints its address. --port N picks the port
(default 8080; 0 takes any free port). --train QUERY trains the page's
settings in Node instead (a query string such as 'data=xor&epochs=30')
and prints the accuracies and the weights fingerprint, which the page
shows for the same settings.`;

const args = process.argv.slice(2);
let port = 8080;
let bad: string | undefined;
for (let i = 0; i < args.length; i++) {
  const arg = args[i]!;
  if (arg === '--help' || arg === '-h') {
    console.log(USAGE);
    process.exit(0);
  } else if (arg === '--train' && i + 1 < args.length) {
    try {
      const run = trainFor(parseSettings(args[i + 1]!));
      const last = run.history[run.history.length - 1]!;
      console.log(`epoch ${run.epoch}: loss train ${last.train.loss.toFixed(4)}, test ${last.test.loss.toFixed(4)}; accuracy train ${last.train.accuracy}, test ${last.test.accuracy}`);
      console.log(`weights fingerprint ${run.fingerprint()}`);
      process.exit(0);
    } catch (error) {
      console.error(error instanceof Error ? error.message : String(error));
      process.exit(1);
    }
  } else if (arg === '--port' && i + 1 < args.length) {
    const value = Number(args[++i]);
    if (Number.isInteger(value) && value >= 0 && value <= 65535) port = value;
    else bad = `--port ${args[i]}`;
  } else {
    bad = arg;
  }
  if (bad !== undefined) break;
}
if (bad !== undefined) {
  console.error(`unknown argument '${bad}'\n\n${USAGE}`);
  process.exit(1);
}
const server = playgroundServer();
server.on('error', (error: NodeJS.ErrnoException) => {
  console.error(`playground: cannot listen on 127.0.0.1:${port} (${error.code ?? error.message}); try --port 0`);
  process.exit(1);
});
server.listen(port, '127.0.0.1', () => {
  console.log(`playground: ${pageAddress(server)}`);
  console.log('(Ctrl-C stops the server)');
});
