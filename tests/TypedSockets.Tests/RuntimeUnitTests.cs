using System.Text;
using TypedSockets.Endpoints;
using TypedSockets.Serialization;

namespace TypedSockets.Tests;

/// <summary>The runtime's building blocks on their own: envelope, frames, buffers, errors.</summary>
public class RuntimeUnitTests
{
    [Fact]
    public void The_envelope_finds_event_data_and_ref_in_any_order()
    {
        var message = """{"ref":"7","data":{"a":[1,{"b":2}]},"x":{"y":1},"event":"add"}"""u8.ToArray();

        Assert.True(Envelope.TryParse(message, out var envelope, out var @ref, out var problem), problem);

        Assert.Equal("add", Encoding.UTF8.GetString(message[envelope.Name]));
        Assert.Equal("""{"a":[1,{"b":2}]}""", Encoding.UTF8.GetString(message[envelope.Data]));
        Assert.Equal("\"7\"", Encoding.UTF8.GetString(message[envelope.Ref]));
        Assert.Equal(envelope.Ref, @ref);
        Assert.Null(envelope.UnescapedName);
    }

    [Fact]
    public void The_envelope_treats_a_null_ref_as_no_ref_and_rejects_an_overlong_one()
    {
        Assert.True(Envelope.TryParse("""{"event":"e","ref":null}"""u8, out var envelope, out _, out _));
        Assert.Equal(default, envelope.Ref);

        var longRef = "{\"event\":\"e\",\"ref\":\"" + new string('r', 300) + "\"}";
        Assert.False(Envelope.TryParse(Encoding.UTF8.GetBytes(longRef), out _, out _, out var problem));
        Assert.Contains("longer than 256 bytes", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_envelope_leaves_datas_depth_to_the_events_reader_but_rejects_frames_beyond_1024_levels()
    {
        // The frame's object is one level, so data may nest 1023 more.
        var deep = "{\"event\":\"e\",\"data\":" + new string('[', 1024) + new string(']', 1024) + "}";
        var fine = "{\"event\":\"e\",\"data\":" + new string('[', 1023) + new string(']', 1023) + "}";

        Assert.False(Envelope.TryParse(Encoding.UTF8.GetBytes(deep), out _, out _, out var problem));
        Assert.Contains("depth", problem, StringComparison.OrdinalIgnoreCase);
        Assert.True(Envelope.TryParse(Encoding.UTF8.GetBytes(fine), out _, out _, out _));
    }

    [Fact]
    public void Operations_find_an_events_generated_code_from_its_type_alone()
    {
        // Registered by the event's generated module initializer; SocketJson takes TEvent without a constraint.
        Assert.Equal("""{"text":"hi"}""", SocketJson.SerializeToString(new Echo("hi")));
        Assert.Equal("echo", SocketEventCodec<Echo>.Instance.EventName);
    }

    [Fact]
    public void A_type_that_is_not_an_event_fails_clearly_at_run_time_when_TSK021_is_silenced()
    {
#pragma warning disable TSK021, TSK023 // the compile-time checks this test goes around
        var error = Assert.Throws<InvalidOperationException>(() => SocketJson.Serialize(new NotAnEvent("hi")));
        var client = new InProcessSocketClient();
        var sendError = Assert.Throws<InvalidOperationException>(() => client.SendAsync(new NotAnEvent("hi")));
#pragma warning restore TSK021, TSK023

        Assert.Equal(
            "'TypedSockets.Tests.RuntimeUnitTests+NotAnEvent' is not a socket event: mark it [SocketEvent(\"name\")] and declare it partial, " +
            "so TypedSockets generates its JSON code (error TSK021 reports this at compile time).",
            error.Message);
        Assert.Equal(error.Message, sendError.Message);
    }

    private sealed record NotAnEvent(string Text);

    private static SocketFrame EventFrame<TEvent>(TEvent value) where TEvent : ISocketEvent<TEvent> =>
        FrameWriter.Event(SocketEventCodec.For<TEvent>(), value);

    private static SocketFrame ReplyFrame<TEvent>(ReadOnlySpan<byte> rawRef, TEvent value) where TEvent : ISocketEvent<TEvent> =>
        FrameWriter.Reply(rawRef, SocketEventCodec.For<TEvent>(), value);

    [Fact]
    public void A_frame_returns_its_buffer_only_after_the_last_reference_is_released()
    {
        var frame = SocketFrame.CopyOf("abc"u8);
        frame.AddReference();

        frame.Release();
        Assert.Equal("abc", Encoding.UTF8.GetString(frame.Memory.Span));
        frame.Release();

        Assert.Throws<ObjectDisposedException>(() => frame.Memory);
        Assert.Throws<InvalidOperationException>(frame.Release);
    }

    [Fact]
    public void Frames_are_written_in_the_protocol_shape()
    {
        Assert.Equal("""{"event":"echo","data":{"text":"\u003Cb\u003E"}}""", Text(EventFrame(new Echo("<b>"))));
        Assert.Equal("""{"event":"reply","ref":12,"data":{"event":"sum","data":{"value":3}}}""", Text(ReplyFrame("12"u8, new Sum(3))));
        Assert.Equal("""{"event":"reply","ref":"a","data":null}""", Text(FrameWriter.EmptyReply("\"a\""u8)));
        Assert.Equal("""{"event":"error","data":{"code":"bad_frame","message":"no"}}""", Text(FrameWriter.Error([], "bad_frame", "no")));
    }

    [Fact]
    public void A_writer_that_throws_midway_leaves_the_next_frame_clean()
    {
        Assert.Throws<ArgumentException>(() => EventFrame(new Sum(1)) is var _ && EventFrame(new Profile(
            Guid.Empty, "n", null, true, 1, 1, 1, 1, 1, 1, 1, 1, float.NaN, 1, 1, default, default, Mood.Calm, null, null, [], [], [], [], new Address("s", 1), null, [])) is null);

        Assert.Equal("""{"event":"sum","data":{"value":2}}""", Text(EventFrame(new Sum(2))));
    }

    [Fact]
    public void The_pooled_writer_grows_and_hands_over_its_buffer()
    {
        var writer = new PooledBufferWriter();
        for (var i = 0; i < 1000; i++)
        {
            var span = writer.GetSpan(3);
            "xyz"u8.CopyTo(span);
            writer.Advance(3);
        }

        var (buffer, length) = writer.Detach();

        Assert.Equal(3000, length);
        Assert.True(buffer.AsSpan(0, length).SequenceEqual(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("xyz", 1000)))));
        Assert.Equal(0, writer.WrittenCount);
        Assert.Throws<InvalidOperationException>(() => writer.Advance(1));
    }

    [Theory]
    [InlineData("name", "$.name")]
    [InlineData("a b", "$['a b']")]
    [InlineData("it's", "$['it\\'s']")]
    [InlineData("", "$['']")]
    public void Error_paths_name_properties_like_json_path(string property, string path)
    {
        Assert.Equal(path, SocketJsonError.Missing(property).Path);
    }

    [Fact]
    public void Error_paths_build_from_the_inside_out()
    {
        var error = SocketJsonError.Create("bad").AtProperty("name").AtIndex(2).AtProperty("items");

        Assert.Equal("$.items[2].name", error.Path);
        Assert.Equal("$.items[2].name: bad", error.ToString());
    }

    [Fact]
    public void Ids_are_sixteen_url_safe_characters_and_unique()
    {
        var ids = Enumerable.Range(0, 1000).Select(_ => new InProcessSocketClient().Id).ToList();

        Assert.All(ids, id => Assert.Matches("^[a-z2-7]{16}$", id));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    private static string Text(SocketFrame frame)
    {
        var text = Encoding.UTF8.GetString(frame.Memory.Span);
        frame.Release();
        return text;
    }
}
