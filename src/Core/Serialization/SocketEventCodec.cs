using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace TypedSockets.Serialization;

/// <summary>
/// The generated code of <typeparamref name="TEvent"/>, reached from an unconstrained type
/// argument: one instance per event type, registered by the generated module initializer of the
/// event's assembly (<see cref="SocketEventRegistry"/>).
/// </summary>
internal abstract class SocketEventCodec<TEvent>
{
    private static SocketEventCodec<TEvent>? s_instance;

    /// <summary>The event type's code; throws when the type is not a <see cref="SocketEventAttribute"/> type.</summary>
    public static SocketEventCodec<TEvent> Instance => s_instance ?? Find();

    public static bool IsRegistered => Volatile.Read(ref s_instance) is not null;

    public abstract string EventName { get; }

    /// <summary>The event name, escaped once for every frame that carries it.</summary>
    public abstract JsonEncodedText EncodedName { get; }

    /// <summary>Whether the event is volatile (see <see cref="ISocketEvent{TSelf}.IsVolatile"/>).</summary>
    public abstract bool IsVolatile { get; }

    /// <summary>Whether the event can be read from JSON (see <see cref="ISocketEvent{TSelf}.IsReadable"/>).</summary>
    public abstract bool IsReadable { get; }

    public abstract void Write(Utf8JsonWriter writer, TEvent value);

    public abstract bool TryRead(ref Utf8JsonReader reader, [MaybeNullWhen(false)] out TEvent value, [NotNullWhen(false)] out SocketJsonError? error);

    /// <summary>Sets the type's code; the first registration stays (an assembly registers its events once).</summary>
    internal static void Set(SocketEventCodec<TEvent> codec) => Interlocked.CompareExchange(ref s_instance, codec, null);

    private static SocketEventCodec<TEvent> Find()
    {
        // A module initializer runs before the first method of its module does, so an event
        // constructed by code has registered itself; a value made without running any code of its
        // assembly (default(T) of a struct) is the rare case that gets here first.
        RuntimeHelpers.RunModuleConstructor(typeof(TEvent).Module.ModuleHandle);
        return Volatile.Read(ref s_instance) ?? throw new InvalidOperationException(
            $"'{typeof(TEvent).FullName}' is not a socket event: mark it [SocketEvent(\"name\")] and declare it partial, " +
            "so TypedSockets generates its JSON code (error TSK021 reports this at compile time).");
    }
}

/// <summary>Registers event types: the only way to a <see cref="SocketEventCodec{TEvent}"/>, and only for events.</summary>
internal static class SocketEventCodec
{
    public static void Register<TEvent>() where TEvent : ISocketEvent<TEvent> =>
        SocketEventCodec<TEvent>.Set(new GeneratedEventCodec<TEvent>());

    /// <summary>The codec of an event type known by its constraint, registering it if its module has not yet.</summary>
    public static SocketEventCodec<TEvent> For<TEvent>() where TEvent : ISocketEvent<TEvent>
    {
        if (!SocketEventCodec<TEvent>.IsRegistered)
        {
            Register<TEvent>();
        }
        return SocketEventCodec<TEvent>.Instance;
    }

    /// <summary>Calls the static members the generator implements on the event type.</summary>
    private sealed class GeneratedEventCodec<TEvent> : SocketEventCodec<TEvent> where TEvent : ISocketEvent<TEvent>
    {
        private readonly JsonEncodedText _encodedName = JsonEncodedText.Encode(TEvent.EventName);

        public override string EventName => TEvent.EventName;

        public override JsonEncodedText EncodedName => _encodedName;

        public override bool IsVolatile => TEvent.IsVolatile;

        public override bool IsReadable => TEvent.IsReadable;

        public override void Write(Utf8JsonWriter writer, TEvent value) => TEvent.Write(writer, value);

        public override bool TryRead(ref Utf8JsonReader reader, [MaybeNullWhen(false)] out TEvent value, [NotNullWhen(false)] out SocketJsonError? error) =>
            TEvent.TryRead(ref reader, out value, out error);
    }
}
