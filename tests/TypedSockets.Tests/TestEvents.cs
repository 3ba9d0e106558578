using System.Text.Json.Serialization;

namespace TypedSockets.Tests;

[SocketEvent("echo")] public sealed partial record Echo(string Text);
[SocketEvent("echoed")] public sealed partial record Echoed(string Text, int Length);
[SocketEvent("add")] public sealed partial record Add(int A, int B);
[SocketEvent("sum")] public sealed partial record Sum(long Value);
[SocketEvent("boom")] public sealed partial record Boom(string Why);
[SocketEvent("refuse")] public sealed partial record Refuse(string Code);
[SocketEvent("slow")] public sealed partial record Slow(int Milliseconds);
[SocketEvent("done")] public sealed partial record Done(int Milliseconds);
[SocketEvent("shout")] public sealed partial record Shout(string Text);
[SocketEvent("heard")] public sealed partial record Heard(string From, string Text);
[SocketEvent("enter")] public sealed partial record Enter(string Group);
[SocketEvent("exit")] public sealed partial record Exit(string Group);
[SocketEvent("group_shout")] public sealed partial record GroupShout(string Group, string Text);
[SocketEvent("observed")] public sealed partial record Observed(string Note);
[SocketEvent("hello")] public sealed partial record Hello(string Id);
[SocketEvent("bye")] public sealed partial record Bye(string Id);
[SocketEvent("empty")] public sealed partial record Empty;
[SocketEvent("stop_all")] public sealed partial record StopAll;

/// <summary>An event the server only sends: reading cannot construct it.</summary>
[SocketEvent("receipt")]
public sealed partial class Receipt
{
    private Receipt(string number) => Number = number;

    public string Number { get; }

    public static Receipt For(string number) => new(number);
}

public enum Mood { Calm, Busy = 5, Angry = -2 }

public sealed record Address(string Street, int? Number);

[SocketEvent("profile")]
public sealed partial record Profile(
    Guid Id,
    string Name,
    string? Nickname,
    bool Active,
    byte Small,
    sbyte Signed,
    short Short,
    ushort UShort,
    int Int,
    uint UInt,
    long Long,
    ulong ULong,
    float Single,
    double Double,
    decimal Money,
    DateTime When,
    DateTimeOffset At,
    Mood Mood,
    Mood? MaybeMood,
    int? MaybeInt,
    int[] Numbers,
    List<string> Tags,
    IReadOnlyList<Address> Addresses,
    Dictionary<string, int> Scores,
    Address Home,
    Address? Work,
    byte[] Blob)
{
    [JsonPropertyName("display_name")] public string? Display { get; init; }

    [JsonIgnore] public string Secret { get; init; } = "hidden";

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Optional { get; set; }

    public int Computed => Int * 2;
}
