import { Composer } from 'grammy';
import { CurrentPrompt, DeliveryTarget, RecordActivity, SendMessage } from '../api/operations.ts';
import type { BotContext } from '../context.ts';

/**
 * Where a plain message goes. A reply to something the bot pushed goes where that came from:
 * into the conversation of a pushed message, or into the diary as the answer to a pushed
 * check-in. Otherwise it goes to the conversation opened from the chat list, if any; else it
 * is a diary entry, answering the latest open check-in when there is one.
 */
export const text = new Composer<BotContext>();

text.on('message:text', async (ctx, next) => {
  if (ctx.message.text.startsWith('/')) return next();
  const entry = ctx.message.text;
  const repliedTo = ctx.message.reply_to_message;
  if (repliedTo && repliedTo.from?.id === ctx.me.id) {
    const { deliveryTarget } = await ctx.deps.client.request(
      DeliveryTarget,
      { chatId: ctx.person.chatId, externalId: String(repliedTo.message_id) },
      { service: true },
    );
    if (deliveryTarget?.__typename === 'Message') return sendInto(ctx, deliveryTarget.conversation.id, entry);
    if (deliveryTarget?.__typename === 'CheckInPrompt') return record(ctx, entry, deliveryTarget.id);
  }
  if (ctx.session.openConversation) return sendInto(ctx, ctx.session.openConversation.id, entry);
  const { me } = await ctx.as(CurrentPrompt, {});
  return record(ctx, entry, me.currentPrompt?.id ?? null);
});

async function sendInto(ctx: BotContext, conversationId: string, entry: string): Promise<void> {
  await ctx.as(SendMessage, { input: { conversationId, text: entry } });
  await ctx.react('👍');
}

async function record(ctx: BotContext, entry: string, promptId: string | null): Promise<void> {
  await ctx.as(RecordActivity, { input: { text: entry, promptId } });
  await ctx.reply(ctx.t('diary-recorded'));
}
