namespace Chat;

/// <summary>
/// The page served at <c>/</c>: plain HTML and JavaScript that speaks the wire protocol directly,
/// with nothing loaded from elsewhere. Kept in code so it is served from any working directory.
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
        </header>
        <ul id="messages"></ul>
        <form id="say-form">
          <input id="say-text" type="text" placeholder="Say something to everyone" autocomplete="off" maxlength="2000">
          <button>Say</button>
        </form>
        <form id="room-form">
          <input id="room-name" type="text" placeholder="room" autocomplete="off" maxlength="64">
          <button type="button" id="room-join">Join</button>
          <button type="button" id="room-leave">Leave</button>
          <input id="room-text" type="text" placeholder="Say something in the room" autocomplete="off" maxlength="2000">
          <button>Say in room</button>
        </form>
        <p id="rooms"></p>
        <script>
        "use strict";
        const $ = id => document.getElementById(id);
        const pending = new Map(); // ref -> { resolve, reject }, for requests awaiting their answer
        const rooms = new Set();
        let socket, me = null, online = 0, nextRef = 1;

        function connect() {
          const scheme = location.protocol === "https:" ? "wss://" : "ws://";
          socket = new WebSocket(scheme + location.host + "/ws/chat");
          socket.onmessage = e => receive(JSON.parse(e.data));
          socket.onclose = e => {
            me = null;
            rooms.clear();
            for (const p of pending.values()) p.reject(new Error("disconnected"));
            pending.clear();
            showStatus(`disconnected (${e.code}), reconnecting…`);
            showRooms();
            setTimeout(connect, 2000);
          };
        }

        // Sends an event with a ref; resolves with the reply's data, rejects with the error's message.
        function request(event, data) {
          return new Promise((resolve, reject) => {
            if (!socket || socket.readyState !== WebSocket.OPEN) return reject(new Error("not connected"));
            const ref = String(nextRef++);
            pending.set(ref, { resolve, reject });
            socket.send(JSON.stringify({ event, data, ref }));
          });
        }

        function receive({ event, data, ref }) {
          switch (event) {
            case "welcome": me = data.id; online = data.online; add("info", `You are ${me}.`); break;
            case "joined": online++; add("info", `${data.id} joined.`); break;
            case "left": online = Math.max(1, online - 1); add("info", `${data.id} left.`); break;
            case "said": add("", data.text, data.from); break;
            case "room_said": add("", data.text, `${data.from} in #${data.room}`); break;
            case "reply": settle(ref, p => p.resolve(data)); break;
            case "error":
              if (!settle(ref, p => p.reject(new Error(data.message)))) add("error", `${data.code}: ${data.message}`);
              break;
          }
          showStatus();
        }

        function settle(ref, action) {
          const p = ref === undefined ? undefined : pending.get(String(ref));
          if (!p) return false;
          pending.delete(String(ref));
          action(p);
          return true;
        }

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
          $("status").textContent = text ?? (me ? `you are ${me} · ${online} online` : "connecting…");
        }

        function showRooms() {
          $("rooms").textContent = rooms.size ? "Your rooms: " + [...rooms].map(r => "#" + r).join(", ") : "";
        }

        const failed = e => add("error", e.message);

        $("say-form").onsubmit = e => {
          e.preventDefault();
          const text = $("say-text").value;
          if (!text.trim()) return;
          request("say", { text }).then(() => { add("", text, "you"); $("say-text").value = ""; }, failed);
        };

        $("room-join").onclick = () => {
          const room = $("room-name").value.trim();
          request("join_room", { room }).then(() => { rooms.add(room); showRooms(); add("info", `You joined #${room}.`); }, failed);
        };

        $("room-leave").onclick = () => {
          const room = $("room-name").value.trim();
          request("leave_room", { room }).then(() => { rooms.delete(room); showRooms(); add("info", `You left #${room}.`); }, failed);
        };

        $("room-form").onsubmit = e => {
          e.preventDefault();
          const room = $("room-name").value.trim(), text = $("room-text").value;
          if (!text.trim()) return;
          request("room_say", { room, text }).then(() => { add("", text, `you in #${room}`); $("room-text").value = ""; }, failed);
        };

        connect();
        </script>
        </body>
        </html>
        """;
}
