using TypedSockets;

namespace Chat.Contracts;

/// <summary>What the chat endpoint receives and sends, shared by the server and its clients.</summary>
[SocketContract("chat")]
[Receives<Say>, Receives<Ping>(Reply = typeof(Pong))]
[Sends<Welcome>, Sends<Said>]
public partial interface IChatContract;

[SocketEvent("say")] public sealed partial record Say(string Text);
[SocketEvent("said")] public sealed partial record Said(string From, string Text);
[SocketEvent("ping")] public sealed partial record Ping(int Seq);
[SocketEvent("pong")] public sealed partial record Pong(int Seq);
[SocketEvent("welcome")] public sealed partial record Welcome(string Id, int Online);
