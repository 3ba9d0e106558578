namespace Chat;

/// <summary>
/// The page served at <c>/</c>: plain HTML and a module script on the TypeScript client the build
/// generated from the endpoint's contract, which the app serves at <c>/client/</c>; nothing is
/// loaded from elsewhere. Kept in code so it is served from any working directory.
/// </summary>
internal static class ChatPage
{
    public const string Html = """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>TypedSockets chat</title>
        <link rel="icon" href="data:,">
        <style>
          body { font: 15px/1.4 system-ui, sans-serif; max-width: 42rem; margin: 1rem auto; padding: 0 1rem; color: #222; }
          header { display: flex; gap: 1rem; align-items: baseline; flex-wrap: wrap; }
          h1 { font-size: 1.3rem; margin: 0; }
          #status { color: #666; }
          #messages { list-style: none; padding: .5rem; margin: 1rem 0; height: 22rem; overflow-y: auto; border: 1px solid #ccc; border-radius: 4px; }
          #messages li { margin: .15rem 0; overflow-wrap: anywhere; }
          #messages .from { font-weight: 600; margin-right: .4rem; }
          #messages .info { color: #777; font-style: italic; }
          #messages .error { color: #b00; }
          form { display: flex; gap: .5rem; margin: .5rem 0; }
          input[type=text] { flex: 1; padding: .3rem; }
          #room-name { flex: 0 1 10rem; }
        </style>
        </head>
        <body>
        <header>
          <h1>TypedSockets chat</h1>
          <span id="status">connecting…</span>
          <button type="button" id="ping">Ping</button>
        </header>
        <ul id="messages"></ul>
        <form id="say-form">
          <input id="say-text" type="text" placeholder="Say something to everyone" autocomplete="off" maxlength="2000">
          <button id="say">Say</button>
        </form>
        <form id="room-form">
          <input id="room-name" type="text" placeholder="room" autocomplete="off" maxlength="64">
          <button type="button" id="room-join">Join</button>
          <button type="button" id="room-leave">Leave</button>
          <input id="room-text" type="text" placeholder="Say something in the room" autocomplete="off" maxlength="2000">
          <button id="room-say">Say in room</button>
        </form>
        <p id="rooms"></p>
        <script type="module">
        // The typed client the build generated from the endpoint's contract, served by the app
        // itself (app.MapTypeScriptClient()): no bundler, no hand-written frames.
        import { connect } from "/client/chat.js";
        import { SocketError } from "/client/runtime.js";

        const $ = id => document.getElementById(id);
        const rooms = new Set();
        let me = null, online = 0, pings = 0;

        // connect() with no address reaches the page's own server at the endpoint's path.
        const chat = connect();

        chat.on("welcome", w => { me = w.id; online = w.online; add("info", `You are ${me}.`); showStatus(); });
        chat.on("joined", j => { online++; add("info", `${j.id} joined.`); showStatus(); });
        chat.on("left", l => { online = Math.max(1, online - 1); add("info", `${l.id} left.`); showStatus(); });
        chat.on("said", s => add("", s.text, s.from));
        chat.on("room_said", s => add("", s.text, `${s.from} in #${s.room}`));
        chat.onError(e => add("error", `${e.code}: ${e.message}`));

        chat.onState((state, info) => {
          if (state === "open") {
            if (info.reconnected) {
              add("info", "Reconnected.");
              // The server forgot this connection's rooms with the old one: join them again.
              for (const room of rooms) chat.request("join_room", { room }).catch(failed);
            }
            showStatus();
          } else if (state === "reconnecting") {
            me = null;
            const why = info.code ? ` (${info.code}${info.reason ? " " + info.reason : ""})` : "";
            showStatus(`disconnected${why}, reconnecting in ${(info.delay / 1000).toFixed(1)} s (attempt ${info.attempt})…`);
          } else if (state === "closed") {
            me = null;
            showStatus(info.gaveUp ? "disconnected; gave up reconnecting (reload the page)" : "disconnected");
          }
        });

        function add(kind, text, from) {
          const list = $("messages"), item = document.createElement("li");
          if (kind) item.className = kind;
          if (from) {
            const who = document.createElement("span");
            who.className = "from";
            who.textContent = from;
            item.append(who);
          }
          item.append(text);
          const atBottom = list.scrollTop + list.clientHeight >= list.scrollHeight - 4;
          list.append(item);
          if (atBottom) list.scrollTop = list.scrollHeight;
        }

        function showStatus(text) {
          $("status").textContent = text ?? (me && chat.state === "open" ? `you are ${me} · ${online} online` : "connecting…");
        }

        function showRooms() {
          $("rooms").textContent = rooms.size ? "Your rooms: " + [...rooms].map(r => "#" + r).join(", ") : "";
        }

        // A refusal (an error frame) shows its message; anything else (a timeout, a lost connection) too.
        const failed = e => add("error", e instanceof SocketError ? e.message : `${e.name}: ${e.message}`);

        // Sends with send-and-wait: request() resolves when the server has handled the event.
        async function attempt(action) {
          try { await action(); } catch (e) { failed(e); }
        }

        $("say-form").onsubmit = e => {
          e.preventDefault();
          const text = $("say-text").value;
          if (!text.trim()) return;
          attempt(async () => { await chat.request("say", { text }); add("", text, "you"); $("say-text").value = ""; });
        };

        $("room-join").onclick = () => {
          const room = $("room-name").value.trim();
          attempt(async () => { await chat.request("join_room", { room }); rooms.add(room); showRooms(); add("info", `You joined #${room}.`); });
        };

        $("room-leave").onclick = () => {
          const room = $("room-name").value.trim();
          attempt(async () => { await chat.request("leave_room", { room }); rooms.delete(room); showRooms(); add("info", `You left #${room}.`); });
        };

        $("room-form").onsubmit = e => {
          e.preventDefault();
          const room = $("room-name").value.trim(), text = $("room-text").value;
          if (!text.trim()) return;
          attempt(async () => { await chat.request("room_say", { room, text }); add("", text, `you in #${room}`); $("room-text").value = ""; });
        };

        // A request with a typed reply: ping answers with pong and the same seq.
        $("ping").onclick = () => attempt(async () => {
          const started = performance.now();
          const pong = await chat.request("ping", { seq: ++pings }, { timeout: 5000 });
          add("info", `pong ${pong.seq} in ${(performance.now() - started).toFixed(1)} ms`);
        });
        </script>
        </body>
        </html>
        """;
}
