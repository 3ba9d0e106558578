namespace TypedSockets;

/// <summary>
/// Thrown by a handler to refuse a request on purpose: the client receives an <c>error</c> frame
/// with <see cref="Code"/> and <see cref="Exception.Message"/> (and its <c>ref</c>), and the
/// connection stays open.
/// </summary>
public sealed class SocketErrorException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="code">A short machine-readable code, e.g. <c>forbidden</c>.</param>
    /// <param name="message">A message for the client.</param>
    public SocketErrorException(string code, string message) : base(message)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        Code = code;
    }

    /// <summary>The error code sent to the client.</summary>
    public string Code { get; }
}
