namespace TypedSockets.Tests.Json;

/// <summary>For random values of every catalogue type, TypedSockets writes System.Text.Json's bytes exactly.</summary>
public sealed class WritingTests
{
    [Fact]
    public void Primitives() => JsonReference.AssertWritesLikeStj(JsonGenerators.Primitives);

    [Fact]
    public void Enums() => JsonReference.AssertWritesLikeStj(JsonGenerators.Enums);

    [Fact]
    public void Nullables() => JsonReference.AssertWritesLikeStj(JsonGenerators.Nullables);

    [Fact]
    public void Collections() => JsonReference.AssertWritesLikeStj(JsonGenerators.Collections);

    [Fact]
    public void Nested() => JsonReference.AssertWritesLikeStj(JsonGenerators.Nested, share: 0.5);

    [Fact]
    public void RecursiveTree() => JsonReference.AssertWritesLikeStj(JsonGenerators.Tree, share: 0.5);

    [Fact]
    public void SettableInitAndRequiredMembers() => JsonReference.AssertWritesLikeStj(JsonGenerators.Members);

    [Fact]
    public void InitOnlyMembersWithInitializers() => JsonReference.AssertWritesLikeStj(JsonGenerators.InitDefaults);

    [Fact]
    public void NonNullableSettableMembers() => JsonReference.AssertWritesLikeStj(JsonGenerators.Loose);

    [Fact]
    public void PropertyNames() => JsonReference.AssertWritesLikeStj(JsonGenerators.Names);

    [Fact]
    public void IgnoreConditions() => JsonReference.AssertWritesLikeStj(JsonGenerators.Ignores);

    [Fact]
    public void ConstructorDefaults() => JsonReference.AssertWritesLikeStj(JsonGenerators.Defaults);

    [Fact]
    public void GetOnlyMembers() => JsonReference.AssertWritesLikeStj(JsonGenerators.GetOnly);

    [Fact]
    public void DerivedRecord() => JsonReference.AssertWritesLikeStj(JsonGenerators.Derived);

    [Fact]
    public void DerivedClassMembers() => JsonReference.AssertWritesLikeStj(JsonGenerators.Holder);

    [Fact]
    public void StructEvent() => JsonReference.AssertWritesLikeStj(JsonGenerators.StructEvent);

    [Fact]
    public void NestedEventType() => JsonReference.AssertWritesLikeStj(JsonGenerators.Inner, share: 0.25);

    [Fact]
    public void EmptyEvent() => JsonReference.AssertWritesLikeStj(JsonGenerators.Nothing, share: 0.01);

    [Fact]
    public void StringsWithLoneSurrogates() =>
        JsonReference.AssertWritesLikeStj(CsCheck.Gen.Select(JsonGenerators.StringWithLoneSurrogates, JsonGenerators.Int, (text, seq) => new JsonStructEvent(seq, text, default)));
}
