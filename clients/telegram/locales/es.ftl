welcome = ¡Hola, { $name }! Esto es Chorus: amigos, chats y un diario de tus días. Elige algo abajo o envía /menu cuando quieras.
linked = Tu Telegram está vinculado a @{ $handle }.
link-failed = Ese código de vinculación no funcionó: { $reason }
menu = ¿Qué quieres hacer?
menu-friends = 👥 Amigos
menu-chats = 💬 Chats
menu-diary = 📔 Diario
menu-settings = ⚙️ Ajustes
menu-admin = 🛠 Admin

friends-title = Tus amigos ({ $count }): { $names }
friends-none = Aún no tienes amigos. Envía /add @usuario o mira 🔎 Descubrir.
friends-incoming = { $name } quiere ser tu amigo.
friends-outgoing = Esperando a: { $handles }
friends-discover = 🔎 Descubrir
friend-accept = ✅ Aceptar
friend-decline = ✖️ Rechazar
friend-accepted = Ahora tú y { $name } sois amigos.
friend-declined = Rechazaste a { $name }.
friend-requested = Solicitud enviada a { $name }.
add-usage = Envía /add @usuario para pedirle amistad a alguien.
discover-title = Quizá conozcas a:
discover-none = Aún no hay sugerencias: vienen de los amigos de tus amigos.
discover-button = ➕ { $name } ({ $mutual } en común)
discover-via = { $name }: a través de { $via }

chats-title = Tus chats:
chats-none = Aún no hay conversaciones.
chat-button = { $title }{ $unread ->
    [0] {""}
   *[other] {" "}({ $unread })
}
chat-opened = 💬 { $title }. Lo que escribas ahora irá aquí; /menu para salir.
chat-empty = Aún no hay mensajes.

diary-title = 📔 Tu diario: responde a la pregunta cuando llegue, o simplemente escribe qué estás haciendo.
diary-history = 🕘 Historial
diary-feed = 👀 Amigos
diary-recorded = 📝 Guardado en tu diario.
history-title = Tus últimas entradas:
history-none = Tu diario está vacío.
feed-title = Lo último de tus amigos:
feed-none = Aún nada de tus amigos.

settings-title = ⚙️ Ajustes
    Preguntas: { $enabled }, { $start }–{ $end }, cada { $interval } min
    Zona horaria: { $timezone }
    Quién ve tu diario: { $visibility }
    Notificaciones de Telegram: { $notifications }
    Cambiar: /window 09:00 22:00, /interval 90, /timezone Europe/Madrid
settings-on = sí
settings-off = no
settings-visibility = 👁 { $visibility }
settings-notifications = 🔔 Notificaciones: { $state }
settings-checkins = ⏰ Preguntas: { $state }
settings-saved = Guardado.
visibility-ONLY_ME = solo yo
visibility-FRIENDS = amigos
visibility-EVERYONE = todos
window-usage = Envía /window 09:00 22:00 (hora local).
interval-usage = Envía /interval 120 (minutos, 30–1440).
timezone-usage = Envía /timezone Europe/Madrid (una zona horaria IANA).

admin-title = 🛠 Admin: /broadcast tu texto, /stats
broadcast-usage = Envía /broadcast seguido del texto para todos.
broadcast-preview = Esto llegará a { $count ->
    [one] una persona
   *[other] { $count } personas
} ({ $telegram } en Telegram):
broadcast-send = 📣 Enviar
broadcast-cancel = Cancelar
broadcast-cancelled = No enviado.
broadcast-unknown = La API no respondió a tiempo: puede que el envío ya haya salido. Revisa el historial de envíos antes de mandarlo otra vez.
broadcast-progress = 📣 { $sent } de { $total } enviados, { $failed } fallidos, { $blocked } bloqueados, { $pending } pendientes · { $rate }/s · { $eta }
broadcast-eta = quedan unos { $seconds } s
broadcast-eta-unknown = esperando
broadcast-finished = 📣 Listo: { $sent } de { $total } enviados, { $failed } fallidos, { $blocked } bloqueados, { $cancelled } cancelados.
stats = 📊 Usuarios: { $users } (activos esta semana { $active }, nuevos { $new }), en Telegram: { $telegram }, mensajes hoy: { $messages }, entradas de diario hoy: { $activities }

push-friend-request = { $name } quiere ser tu amigo.
push-friend-accepted = { $name } aceptó tu solicitud de amistad.
push-message = { $name }: { $text }
push-group-message = { $name } · { $title }: { $text }
push-check-in = ⏰ { $text }
    (Responde a este mensaje para contestar.)

error-generic = Algo salió mal; inténtalo de nuevo.
error-input = No funcionó: { $message }
error-rate = Demasiadas solicitudes; inténtalo en { $seconds } s.
error-forbidden = No puedes hacer eso.
error-not-found = Eso ya no está.

cmd-menu = Menú principal
cmd-friends = Amigos y solicitudes
cmd-add = Añadir amigo: /add @usuario
cmd-discover = Amigos de amigos
cmd-chats = Tus conversaciones
cmd-diary = Tu diario
cmd-history = Entradas recientes
cmd-feed = Entradas de amigos
cmd-settings = Ajustes
