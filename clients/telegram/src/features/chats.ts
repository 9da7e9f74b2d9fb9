import { Composer, InlineKeyboard } from 'grammy';
import { Conversations, MarkRead, RecentMessages } from '../api/operations.ts';
import type { BotContext } from '../context.ts';
import { clip, listingLineLength } from '../telegram-text.ts';

export const chats = new Composer<BotContext>();

type Members = { edges: { node: { user: { handle: string; displayName: string } } }[] };

/** A group by its title, a direct conversation by the other person's name. */
function titleOf(conversation: { kind: string; title: string | null; members: Members }, myHandle: string): string {
  if (conversation.kind === 'GROUP' && conversation.title) return conversation.title;
  const other = conversation.members.edges.find((edge) => edge.node.user.handle !== myHandle);
  return other?.node.user.displayName ?? '…';
}

async function listChats(ctx: BotContext): Promise<void> {
  const { me } = await ctx.as(Conversations, {});
  const listed = me.conversations.edges.map(({ node }) => ({ id: node.id, title: titleOf(node, me.user.handle), unread: node.unreadCount }));
  ctx.session.chatList = undefined;
  if (listed.length === 0) {
    await ctx.reply(ctx.t('chats-none'));
    return;
  }
  const keyboard = new InlineKeyboard();
  listed.forEach((conversation, index) => keyboard.text(ctx.t('chat-button', { title: conversation.title, unread: conversation.unread }), `chat:open:${index}`).row());
  const message = await ctx.reply(ctx.t('chats-title'), { reply_markup: keyboard });
  ctx.session.chatList = { messageId: message.message_id, conversations: listed.map(({ id, title }) => ({ id, title })) };
}

chats.command('chats', listChats);
chats.callbackQuery('menu:chats', listChats);

/** The conversation a button of the latest list names; none for a button of an older list (its order may have changed since). */
function pressedConversation(ctx: BotContext, index: number): { id: string; title: string } | undefined {
  const list = ctx.session.chatList;
  if (!list || list.messageId !== ctx.callbackQuery?.message?.message_id) return undefined;
  return list.conversations[index];
}

chats.callbackQuery(/^chat:open:(\d+)$/, async (ctx) => {
  const listed = pressedConversation(ctx, Number(ctx.match[1]));
  if (!listed) {
    await listChats(ctx);
    return;
  }
  const { conversation } = await ctx.as(RecentMessages, { id: listed.id });
  if (!conversation) {
    await ctx.reply(ctx.t('error-not-found'));
    return;
  }
  ctx.session.openConversationId = conversation.id;
  const lines = conversation.messages.edges.map(({ node }) => clip(`${node.author.displayName}: ${node.text ?? '🗑'}`, listingLineLength));
  await ctx.reply([ctx.t('chat-opened', { title: listed.title }), ...(lines.length > 0 ? lines : [ctx.t('chat-empty')])].join('\n'));
  await ctx.as(MarkRead, { input: { conversationId: conversation.id, seq: conversation.lastSeq } });
});
