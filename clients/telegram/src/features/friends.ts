import { Composer, InlineKeyboard } from 'grammy';
import { AcceptFriendRequest, DeclineFriendRequest, Friends, SendFriendRequest, Suggestions } from '../api/operations.ts';
import type { BotContext } from '../context.ts';
import { friendRequestButtons, nameOf } from '../people.ts';

export const friends = new Composer<BotContext>();

async function showFriends(ctx: BotContext): Promise<void> {
  const { me } = await ctx.as(Friends, {});
  const names = me.friends.edges.map((edge) => nameOf(edge.node));
  const summary = names.length > 0 ? ctx.t('friends-title', { count: names.length, names: names.join(', ') }) : ctx.t('friends-none');
  const outgoing = me.outgoingRequests.edges.map((edge) => `@${edge.node.handle}`);
  const text = outgoing.length > 0 ? `${summary}\n${ctx.t('friends-outgoing', { handles: outgoing.join(', ') })}` : summary;
  await ctx.reply(text, { reply_markup: new InlineKeyboard().text(ctx.t('friends-discover'), 'fr:discover') });
  for (const { node } of me.incomingRequests.edges) {
    await ctx.reply(ctx.t('friends-incoming', { name: nameOf(node) }), { reply_markup: friendRequestButtons((key) => ctx.t(key), node.handle) });
  }
}

friends.command('friends', showFriends);
friends.callbackQuery('menu:friends', showFriends);

friends.callbackQuery(/^fr:(accept|decline):([a-z0-9_]{3,32})$/, async (ctx) => {
  const [, action, handle] = ctx.match;
  const other =
    action === 'accept'
      ? (await ctx.as(AcceptFriendRequest, { handle: handle! })).acceptFriendRequest
      : (await ctx.as(DeclineFriendRequest, { handle: handle! })).declineFriendRequest;
  await ctx.editMessageText(ctx.t(action === 'accept' ? 'friend-accepted' : 'friend-declined', { name: nameOf(other) }));
});

friends.command('add', async (ctx) => {
  const handle = ctx.match.trim().replace(/^@/, '');
  if (!handle) {
    await ctx.reply(ctx.t('add-usage'));
    return;
  }
  const { sendFriendRequest } = await ctx.as(SendFriendRequest, { handle });
  const name = nameOf(sendFriendRequest);
  await ctx.reply(ctx.t(sendFriendRequest.friendship === 'FRIENDS' ? 'friend-accepted' : 'friend-requested', { name }));
});

async function discover(ctx: BotContext): Promise<void> {
  const { me } = await ctx.as(Suggestions, {});
  const edges = me.friendSuggestions.edges;
  if (edges.length === 0) {
    await ctx.reply(ctx.t('discover-none'));
    return;
  }
  const keyboard = new InlineKeyboard();
  const via: string[] = [];
  for (const edge of edges) {
    keyboard.text(ctx.t('discover-button', { name: edge.node.displayName, mutual: edge.mutualCount }), `fr:add:${edge.node.handle}`).row();
    via.push(ctx.t('discover-via', { name: edge.node.displayName, via: edge.mutualFriends.map((friend) => `@${friend.handle}`).join(', ') }));
  }
  await ctx.reply(`${ctx.t('discover-title')}\n${via.join('\n')}`, { reply_markup: keyboard });
}

friends.command('discover', discover);
friends.callbackQuery('fr:discover', discover);

friends.callbackQuery(/^fr:add:([a-z0-9_]{3,32})$/, async (ctx) => {
  const { sendFriendRequest } = await ctx.as(SendFriendRequest, { handle: ctx.match[1]! });
  await ctx.answerCallbackQuery(ctx.t('friend-requested', { name: sendFriendRequest.displayName }));
});
