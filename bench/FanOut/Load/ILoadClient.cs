namespace FanOut.Load;

/// <summary>One connected client of the load: it sends events when told and reports what it receives to its tracker.</summary>
internal interface ILoadClient : IAsyncDisposable
{
    /// <summary>Sends event <paramref name="seq"/>, stamped with the current time, to everyone or to the others.</summary>
    ValueTask SendAsync(bool toOthers, int seq);
}
