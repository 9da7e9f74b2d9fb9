welcome = Hi, { $name }! This is Chorus: friends, chats and a diary of your days. Pick something below, or send /menu any time.
linked = Your Telegram is now linked to @{ $handle }.
link-failed = That link code did not work: { $reason }
menu = What would you like to do?
menu-friends = 👥 Friends
menu-chats = 💬 Chats
menu-diary = 📔 Diary
menu-settings = ⚙️ Settings
menu-admin = 🛠 Admin

friends-title = Your friends ({ $count }): { $names }
friends-none = No friends yet. Send /add @handle, or look at 🔎 Discover.
friends-incoming = { $name } wants to be your friend.
friends-outgoing = Waiting for: { $handles }
friends-discover = 🔎 Discover
friend-accept = ✅ Accept
friend-decline = ✖️ Decline
friend-accepted = You and { $name } are friends now.
friend-declined = You declined { $name }.
friend-requested = Friend request sent to { $name }.
add-usage = Send /add @handle to ask someone to be your friend.
discover-title = People you may know:
discover-none = No suggestions yet: they come from your friends' friends.
discover-button = ➕ { $name } ({ $mutual } mutual)
discover-via = { $name }: via { $via }

chats-title = Your chats:
chats-none = No conversations yet.
chat-button = { $title }{ $unread ->
    [0] {""}
   *[other] {" "}({ $unread })
}
chat-opened = 💬 { $title }. What you write now goes here; /menu to leave.
chat-empty = No messages yet.

diary-title = 📔 Your diary: reply to a question when it comes, or just write what you are doing.
diary-history = 🕘 History
diary-feed = 👀 Friends
diary-recorded = 📝 Saved to your diary.
history-title = Your recent entries:
history-none = Your diary is empty.
feed-title = Your friends lately:
feed-none = Nothing from your friends yet.

settings-title = ⚙️ Settings
    Check-ins: { $enabled }, { $start }–{ $end }, every { $interval } min
    Time zone: { $timezone }
    Who sees your diary: { $visibility }
    Telegram notifications: { $notifications }
    Change: /window 09:00 22:00, /interval 90, /timezone Europe/Madrid
settings-on = on
settings-off = off
settings-visibility = 👁 { $visibility }
settings-notifications = 🔔 Notifications { $state }
settings-checkins = ⏰ Check-ins { $state }
settings-saved = Saved.
visibility-ONLY_ME = only me
visibility-FRIENDS = friends
visibility-EVERYONE = everyone
window-usage = Send /window 09:00 22:00 (local time).
interval-usage = Send /interval 120 (minutes, 30–1440).
timezone-usage = Send /timezone Europe/Madrid (an IANA time zone).

admin-title = 🛠 Admin: /broadcast your text, /stats
broadcast-usage = Send /broadcast followed by the text to send to everyone.
broadcast-preview = This goes to { $count ->
    [one] one person
   *[other] { $count } people
} ({ $telegram } on Telegram):
broadcast-send = 📣 Send
broadcast-cancel = Cancel
broadcast-cancelled = Not sent.
broadcast-unknown = The API did not answer in time: the broadcast may have gone out. Check the broadcast history before sending it again.
broadcast-progress = 📣 { $sent } of { $total } sent, { $failed } failed, { $blocked } blocked, { $pending } pending · { $rate }/s · { $eta }
broadcast-eta = about { $seconds } s left
broadcast-eta-unknown = waiting
broadcast-finished = 📣 Done: { $sent } of { $total } sent, { $failed } failed, { $blocked } blocked, { $cancelled } cancelled.
stats = 📊 Users: { $users } (active this week { $active }, new { $new }), on Telegram: { $telegram }, messages today: { $messages }, diary entries today: { $activities }

push-friend-request = { $name } wants to be your friend.
push-friend-accepted = { $name } accepted your friend request.
push-message = { $name }: { $text }
push-group-message = { $name } · { $title }: { $text }
push-check-in = ⏰ { $text }
    (Reply to this message to answer.)

error-generic = Something went wrong; please try again.
error-input = That did not work: { $message }
error-rate = Too many requests; try again in { $seconds } s.
error-forbidden = You cannot do that.
error-not-found = That is no longer there.

cmd-menu = Main menu
cmd-friends = Friends and requests
cmd-add = Add a friend: /add @handle
cmd-discover = Friends of friends
cmd-chats = Your conversations
cmd-diary = Your diary
cmd-history = Recent diary entries
cmd-feed = Friends' entries
cmd-settings = Settings
