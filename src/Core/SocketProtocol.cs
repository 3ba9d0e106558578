namespace TypedSockets;

/// <summary>Constants of the TypedSockets wire protocol (docs/protocol.md) that clients and servers share.</summary>
public static class SocketProtocol
{
    /// <summary>The protocol version this library speaks.</summary>
    public const int Version = 1;

    /// <summary>
    /// The query parameter a client puts the contract hash it was built from in, e.g.
    /// <c>/ws/chat?ts-contract=3f2a9c0b5d1e7a46</c>. The server compares it with its endpoint's
    /// <c>ContractHash</c>: a mismatch is logged and counted, and refused when the app asks for that.
    /// </summary>
    public const string ContractHashParameter = "ts-contract";
}
