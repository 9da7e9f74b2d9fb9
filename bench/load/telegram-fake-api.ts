// The fake Telegram Bot API of the tests (tests/utils/fake-telegram.ts) in a process of its own,
// for scenario 9: it enforces 30 messages in any second overall and answers 429 with
// retry_after past that, as Telegram does. A control port beside it tells the scenario where
// the Bot API is and what it accepted:
//   GET /state  { apiRoot, token, accepted, refusals }
//   GET /sent   every accepted sendMessage: [{ chatId, text, at }] (at: epoch ms)
// Config (argv JSON): { controlPort }.
import { once } from 'node:events';
import { createServer } from 'node:http';
import { startFakeTelegram } from '../../tests/utils/fake-telegram.ts';

const { controlPort } = JSON.parse(process.argv[2] ?? '{}') as { controlPort: number };
const telegram = await startFakeTelegram();

const control = createServer((request, response) => {
  const answer = (body: unknown) => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  if (request.url === '/state') return answer({ apiRoot: telegram.apiRoot, token: telegram.token, accepted: telegram.sent.length, refusals: telegram.floodRefusals() });
  if (request.url === '/sent') return answer(telegram.sent.map(({ chatId, text, at }) => ({ chatId, text, at })));
  response.writeHead(404).end();
});
control.listen(controlPort, '127.0.0.1');
await once(control, 'listening');
console.log(JSON.stringify({ apiRoot: telegram.apiRoot, control: `http://127.0.0.1:${controlPort}` }));

const close = async () => {
  control.close();
  await telegram.close();
  process.exit(0);
};
process.on('SIGTERM', () => void close());
process.on('SIGINT', () => void close());
