import { Composer, InlineKeyboard } from 'grammy';
import type { BotContext } from '../context.ts';

/** The main menu: one button per feature, Admin for admins. */
export function mainMenu(ctx: BotContext): InlineKeyboard {
  const keyboard = new InlineKeyboard()
    .text(ctx.t('menu-friends'), 'menu:friends')
    .text(ctx.t('menu-chats'), 'menu:chats')
    .row()
    .text(ctx.t('menu-diary'), 'menu:diary')
    .text(ctx.t('menu-settings'), 'menu:settings');
  if (ctx.account.user.role === 'ADMIN') keyboard.row().text(ctx.t('menu-admin'), 'menu:admin');
  return keyboard;
}

export const menu = new Composer<BotContext>();

menu.command('start', async (ctx) => {
  if (ctx.linkFailure) await ctx.reply(ctx.t('link-failed', { reason: ctx.linkFailure }));
  else if (ctx.match) await ctx.reply(ctx.t('linked', { handle: ctx.account.user.handle }));
  await ctx.reply(ctx.t('welcome', { name: ctx.account.user.displayName }), { reply_markup: mainMenu(ctx) });
});

menu.command('menu', async (ctx) => {
  await ctx.reply(ctx.t('menu'), { reply_markup: mainMenu(ctx) });
});
