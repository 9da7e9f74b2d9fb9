import { it } from 'vitest';
import { createTestApp, ok, serviceKey } from './utils/test-app.ts';
import { signUp } from './utils/users.ts';

it('smoke', async () => {
  const t = await createTestApp({ ADMIN_HANDLES: 'boss' });
  const boss = await signUp(t, 'boss');
  const ann = await signUp(t, 'ann');
  // link 3 telegram users via telegramSignIn
  for (const id of ['1001', '1002', '1003']) {
    ok(await t.gql(`mutation($i: TelegramSignInInput!) { telegramSignIn(input: $i) { user { handle } } }`, { i: { telegramId: id, chatId: id, firstName: 'T' + id } }, { serviceKey }));
  }
  console.log(JSON.stringify(await t.gql(`mutation { previewBroadcast(input: { text: "  Hello all  ", audience: {} }) { recipientCount telegramCount text } }`, {}, { token: boss.token })));
  const sent = await t.gql(`mutation { sendBroadcast(input: { text: "Hello all" }) { id state recipientCount progress { total sent pending failed blocked cancelled perSecond etaSeconds } } }`, {}, { token: boss.token });
  console.log(JSON.stringify(sent));
  const claimed = await t.gql(`mutation { claimDeliveries(input: { channel: TELEGRAM, limit: 10 }) { id kind chatId locale text broadcastId attempts leaseExpiresAt subject { __typename id ... on Broadcast { text } } } }`, {}, { serviceKey });
  console.log(JSON.stringify(claimed));
  const d = claimed.data!.claimDeliveries;
  const rep = await t.gql(`mutation($r: [DeliveryReportInput!]!) { reportDeliveries(input: { reports: $r }) }`, { r: [{ id: d[0].id, outcome: 'SENT', externalId: '55' }, { id: d[1].id, outcome: 'BLOCKED' }, { id: d[2].id, outcome: 'RETRY', retryAfterSeconds: 5 }] }, { serviceKey });
  console.log(JSON.stringify(rep));
  console.log(JSON.stringify(await t.gql(`query($id: ID!) { node(id: $id) { ... on Broadcast { state progress { total sent pending failed blocked cancelled etaSeconds } } } }`, { id: sent.data!.sendBroadcast.id }, { token: boss.token })));
  console.log(JSON.stringify(await t.gql(`{ me { notifications(first: 3) { edges { node { kind text subject { __typename ... on Broadcast { text state } } } } } } }`, {}, { token: ann.token })));
  console.log(JSON.stringify(await t.gql(`{ deliveryTarget(chatId: "1001", externalId: "55") { __typename id ... on Broadcast { text } } }`, {}, { serviceKey })));
  console.log(JSON.stringify(await t.gql(`mutation($id: ID!) { cancelBroadcast(input: { broadcastId: $id }) { state progress { total sent pending cancelled blocked } } }`, { id: sent.data!.sendBroadcast.id }, { token: boss.token })));
  console.log(JSON.stringify(await t.gql(`{ broadcasts(first: 5) { edges { node { text state recipientCount createdBy { handle } audience } } } }`, {}, { token: boss.token })));
  console.log(JSON.stringify(await t.gql(`{ broadcasts(first: 5) { edges { node { text } } } }`, {}, { token: ann.token })));
  await t.close();
});
