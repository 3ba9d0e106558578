namespace TypedSockets.Tests;

public class SmokeTests
{
    [Fact]
    public void Serializes()
    {
        Assert.Equal("{\"text\":\"hi\"}", SocketJson.SerializeToString(new Echo("hi")));
    }
}
