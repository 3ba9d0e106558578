namespace TypedSockets.Tests.Client;

// The contract the typed-client tests run against: declared here, so the generator writes
// ClientTestClient from this project's own declarations (ChatClient comes from a referenced library).

[SocketEvent("cl_echo")]
public sealed partial record Echo(string Text);

[SocketEvent("cl_echoed")]
public sealed partial record Echoed(string Text, string By);

[SocketEvent("cl_note")]
public sealed partial record Note(string Text);

[SocketEvent("cl_noted")]
public sealed partial record Noted(string Text, string From);

[SocketEvent("cl_refuse")]
public sealed partial record Refuse(string Code);

[SocketEvent("cl_stall")]
public sealed partial record Stall(int Milliseconds);

[SocketEvent("cl_flood")]
public sealed partial record Flood(int Count);

[SocketEvent("cl_seq")]
public sealed partial record Seq(int N);

[SocketEvent("cl_bye")]
public sealed partial record Bye(string Reason);

[SocketContract("client_test", Path = "/ws/client-test")]
[Receives<Echo>(Reply = typeof(Echoed)), Receives<Note>, Receives<Refuse>, Receives<Stall>, Receives<Flood>, Receives<Bye>]
[Sends<Noted>, Sends<Seq>]
public partial interface IClientTestContract;

[SocketEndpoint]
public sealed partial class ClientTestEndpoint : SocketEndpoint<IClientTestContract>
{
    [OnEvent]
    public Echoed Echo(Echo echo, SocketClient sender) => new(echo.Text, sender.Id);

    [OnEvent]
    public ValueTask Note(Note note, SocketClient sender) => Broadcast(new Noted(note.Text, sender.Id));

    [OnEvent]
    public Task Refuse(Refuse refuse) => throw new SocketErrorException(refuse.Code, "refused on purpose");

    [OnEvent]
    public Task Stall(Stall stall, CancellationToken cancellationToken) => Task.Delay(stall.Milliseconds, cancellationToken);

    [OnEvent]
    public async ValueTask Flood(Flood flood, SocketClient sender)
    {
        for (var n = 0; n < flood.Count; n++)
        {
            await sender.SendAsync(new Seq(n));
        }
    }

    /// <summary>Closes the sender's connection from the server's side, as a server that drops a client would.</summary>
    [OnEvent]
    public ValueTask Bye(Bye bye, SocketClient sender) => sender.CloseAsync(System.Net.WebSockets.WebSocketCloseStatus.PolicyViolation, bye.Reason);
}
