welcome = Привет, { $name }! Это Chorus: друзья, чаты и дневник ваших дней. Выберите что-нибудь ниже или отправьте /menu в любой момент.
linked = Ваш Telegram привязан к @{ $handle }.
link-failed = Код привязки не сработал: { $reason }
menu = Что вы хотите сделать?
menu-friends = 👥 Друзья
menu-chats = 💬 Чаты
menu-diary = 📔 Дневник
menu-settings = ⚙️ Настройки
menu-admin = 🛠 Админ

friends-title = Ваши друзья ({ $count }): { $names }
friends-none = Друзей пока нет. Отправьте /add @имя или загляните в 🔎 Найти.
friends-incoming = { $name } хочет добавить вас в друзья.
friends-outgoing = Ждут ответа: { $handles }
friends-discover = 🔎 Найти
friend-accept = ✅ Принять
friend-decline = ✖️ Отклонить
friend-accepted = Теперь вы с { $name } друзья.
friend-declined = Вы отклонили { $name }.
friend-requested = Заявка отправлена: { $name }.
add-usage = Отправьте /add @имя, чтобы предложить дружбу.
discover-title = Возможно, вы знакомы:
discover-none = Пока некого предложить: подсказки берутся из друзей ваших друзей.
discover-button = ➕ { $name } (общих: { $mutual })
discover-via = { $name }: через { $via }

chats-title = Ваши чаты:
chats-none = Разговоров пока нет.
chat-button = { $title }{ $unread ->
    [0] {""}
   *[other] {" "}({ $unread })
}
chat-opened = 💬 { $title }. Всё, что вы напишете, уйдёт сюда; /menu — выйти.
chat-empty = Сообщений пока нет.

diary-title = 📔 Ваш дневник: отвечайте на вопрос, когда он придёт, или просто напишите, чем заняты.
diary-history = 🕘 История
diary-feed = 👀 Друзья
diary-recorded = 📝 Записано в дневник.
history-title = Ваши последние записи:
history-none = Дневник пока пуст.
feed-title = Что нового у друзей:
feed-none = От друзей пока ничего.

settings-title = ⚙️ Настройки
    Вопросы: { $enabled }, { $start }–{ $end }, каждые { $interval } мин
    Часовой пояс: { $timezone }
    Кто видит дневник: { $visibility }
    Уведомления в Telegram: { $notifications }
    Изменить: /window 09:00 22:00, /interval 90, /timezone Europe/Moscow
settings-on = вкл.
settings-off = выкл.
settings-visibility = 👁 { $visibility }
settings-notifications = 🔔 Уведомления: { $state }
settings-checkins = ⏰ Вопросы: { $state }
settings-saved = Сохранено.
visibility-ONLY_ME = только я
visibility-FRIENDS = друзья
visibility-EVERYONE = все
window-usage = Отправьте /window 09:00 22:00 (местное время).
interval-usage = Отправьте /interval 120 (минуты, 30–1440).
timezone-usage = Отправьте /timezone Europe/Moscow (часовой пояс IANA).

admin-title = 🛠 Админ: /broadcast текст, /stats
broadcast-usage = Отправьте /broadcast и текст, который получат все.
broadcast-preview = Получат { $count ->
    [one] { $count } человек
    [few] { $count } человека
   *[other] { $count } человек
} (в Telegram: { $telegram }):
broadcast-send = 📣 Отправить
broadcast-cancel = Отмена
broadcast-cancelled = Не отправлено.
broadcast-unknown = API не ответил вовремя: рассылка могла уйти. Проверьте историю рассылок, прежде чем отправлять её снова.
broadcast-progress = 📣 Отправлено { $sent } из { $total }, ошибок { $failed }, заблокировали { $blocked }, в очереди { $pending } · { $rate }/с · { $eta }
broadcast-eta = осталось около { $seconds } с
broadcast-eta-unknown = ожидание
broadcast-finished = 📣 Готово: отправлено { $sent } из { $total }, ошибок { $failed }, заблокировали { $blocked }, отменено { $cancelled }.
stats = 📊 Пользователей: { $users } (активны за неделю { $active }, новых { $new }), в Telegram: { $telegram }, сообщений за сутки: { $messages }, записей за сутки: { $activities }

push-friend-request = { $name } хочет добавить вас в друзья.
push-friend-accepted = { $name } принял(а) вашу заявку в друзья.
push-message = { $name }: { $text }
push-group-message = { $name } · { $title }: { $text }
push-check-in = ⏰ { $text }
    (Ответьте на это сообщение.)

error-generic = Что-то пошло не так; попробуйте ещё раз.
error-input = Не получилось: { $message }
error-rate = Слишком много запросов; попробуйте через { $seconds } с.
error-forbidden = Это вам недоступно.
error-not-found = Этого уже нет.

cmd-menu = Главное меню
cmd-friends = Друзья и заявки
cmd-add = Добавить друга: /add @имя
cmd-discover = Друзья друзей
cmd-chats = Ваши разговоры
cmd-diary = Ваш дневник
cmd-history = Последние записи
cmd-feed = Записи друзей
cmd-settings = Настройки
