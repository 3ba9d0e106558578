using TypedSockets;

namespace Misuse;

[SocketEndpoint("plain")] public sealed class NotPartialEndpoint : SocketEndpoint { } // TSK001
[SocketEndpoint("bad ref")] public sealed partial class BadRefEndpoint : SocketEndpoint { } // TSK002
[SocketEndpoint("dup")] public sealed partial class FirstDup : SocketEndpoint { }
[SocketEndpoint("dup")] public sealed partial class SecondDup : SocketEndpoint { } // TSK003
[SocketEndpoint("generic")] public sealed partial class GenericEndpoint<T> : SocketEndpoint { } // TSK004
[SocketEvent("plain_event")] public sealed record NotPartialEvent(string Text); // TSK005
[SocketEvent("reply")] public sealed partial record ReservedName(string Text); // TSK006
[SocketEvent("twice")] public sealed partial record TwiceA(string Text);
[SocketEvent("twice")] public sealed partial record TwiceB(string Text); // TSK007
[SocketEvent("holder")] public sealed partial record Holder(object Anything); // TSK008
[SocketEvent("unbuildable")] public sealed partial class Unbuildable { private Unbuildable() { } public string Text { get; set; } = ""; }

[SocketEndpoint("handlers")]
public sealed partial class Handlers : SocketEndpoint
{
    [OnEvent] public void NoArgs() { } // TSK010
    [OnEvent] public void Take(Unbuildable unbuildable) { } // TSK009
    [OnEvent] public void First(Ping ping) { }
    [OnEvent] public void Second(Ping ping) { } // TSK011
    [OnEvent] public int Reply(Pong pong) => 0; // TSK012
    [OnEvent] public async void Fire(Fired fired) => await Task.Yield(); // TSK013
    [OnConnect] public int Connected(SocketClient client) => 0; // TSK018
}

[SocketEndpoint("ctors")] public sealed partial class Ctors : SocketEndpoint { public Ctors() { } public Ctors(string name) { } } // TSK014
[SocketEndpoint("noslash", Path = "noslash")] public sealed partial class NoSlash : SocketEndpoint { } // TSK015
public sealed class Stray { [OnEvent] public void Say(Ping ping) { } } // TSK016
public partial class Outer { [SocketEvent("hidden")] private sealed partial record Hidden(string Text); } // TSK017
public class Closed { [SocketEvent("nested")] public sealed partial record Nested(string Text); } // TSK019
[SocketEndpoint("underived")] public sealed partial class Underived { } // TSK020
public static class WrongSend { public static byte[] Bytes() => SocketJson.Serialize(42); } // TSK021
[SocketEndpoint("undeclared")] public sealed partial class Undeclared : SocketEndpoint { public ValueTask Send() => Broadcast(new Pong(1)); } // TSK022
public static class Untied { public static ValueTask Send(SocketClient client) => client.SendAsync(new Pong(1)); } // TSK023
[SocketEndpoint("unread")] public sealed partial class Unread : SocketEndpoint { public IDisposable Watch() => Subscribe<Pong>((c, p) => { }); } // TSK024
[SocketContract("contract")] [Receives<Ping>] public partial interface IContract;
[SocketEndpoint] public sealed partial class Adopting : SocketEndpoint<IContract> { [OnEvent] public void Take(Fired fired) { } } // TSK025
[SocketContract("whole")] public interface IWhole; // TSK026
[SocketEndpoint("shipped")] public sealed partial class Shipped : SocketEndpoint { } // TSK027

[SocketEvent("ping")] public sealed partial record Ping(int Seq);
[SocketEvent("pong")] public sealed partial record Pong(int Seq);
[SocketEvent("fired")] public sealed partial record Fired(int Seq);
