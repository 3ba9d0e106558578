namespace TypedSockets.Tests.Json;

/// <summary>For random values of every catalogue type, reading what TypedSockets wrote gives a value that writes the same bytes.</summary>
public sealed class RoundTripTests
{
    [Fact]
    public void Primitives() => JsonReference.AssertRoundTrips(JsonGenerators.Primitives);

    [Fact]
    public void Enums() => JsonReference.AssertRoundTrips(JsonGenerators.Enums);

    [Fact]
    public void Nullables() => JsonReference.AssertRoundTrips(JsonGenerators.Nullables);

    [Fact]
    public void Collections() => JsonReference.AssertRoundTrips(JsonGenerators.Collections);

    [Fact]
    public void Nested() => JsonReference.AssertRoundTrips(JsonGenerators.Nested, share: 0.5);

    [Fact]
    public void RecursiveTree() => JsonReference.AssertRoundTrips(JsonGenerators.Tree, share: 0.5);

    [Fact]
    public void SettableInitAndRequiredMembers() => JsonReference.AssertRoundTrips(JsonGenerators.Members);

    [Fact]
    public void InitOnlyMembersWithInitializers() => JsonReference.AssertRoundTrips(JsonGenerators.InitDefaults);

    [Fact]
    public void NonNullableSettableMembers() => JsonReference.AssertRoundTrips(JsonGenerators.Loose);

    [Fact]
    public void PropertyNames() => JsonReference.AssertRoundTrips(JsonGenerators.Names);

    [Fact]
    public void IgnoreConditions() => JsonReference.AssertRoundTrips(JsonGenerators.Ignores);

    [Fact]
    public void ConstructorDefaults() => JsonReference.AssertRoundTrips(JsonGenerators.Defaults);

    [Fact]
    public void GetOnlyMembers() => JsonReference.AssertRoundTrips(JsonGenerators.GetOnly);

    [Fact]
    public void DerivedRecord() => JsonReference.AssertRoundTrips(JsonGenerators.Derived);

    [Fact]
    public void DerivedClassMembers() => JsonReference.AssertRoundTrips(JsonGenerators.Holder);

    [Fact]
    public void StructEvent() => JsonReference.AssertRoundTrips(JsonGenerators.StructEvent);

    [Fact]
    public void NestedEventType() => JsonReference.AssertRoundTrips(JsonGenerators.Inner, share: 0.25);

    [Fact]
    public void EmptyEvent() => JsonReference.AssertRoundTrips(JsonGenerators.Nothing, share: 0.01);

    [Fact]
    public void StringsWithLoneSurrogates() =>
        JsonReference.AssertRoundTrips(CsCheck.Gen.Select(JsonGenerators.StringWithLoneSurrogates, JsonGenerators.Int, (text, seq) => new JsonStructEvent(seq, text, default)));

    [Fact]
    public void WideScalars() => JsonReference.AssertRoundTrips(JsonWideGenerators.Scalars);

    [Fact]
    public void WideCollections() => JsonReference.AssertRoundTrips(JsonWideGenerators.WideCollections, share: 0.5);

    [Fact]
    public void DictionaryKeys() => JsonReference.AssertRoundTrips(JsonWideGenerators.Keys, share: 0.5);

    [Fact]
    public void FieldsRequiredAndOrder() => JsonReference.AssertRoundTrips(JsonWideGenerators.FieldsAndOrder);

    [Fact]
    public void RawJson() => JsonReference.AssertRoundTrips(JsonWideGenerators.Raw, share: 0.5);

    [Fact]
    public void StringEnums() => JsonReference.AssertRoundTrips(JsonWideGenerators.StringEnums, share: 0.5);

    [Fact]
    public void Polymorphism() => JsonReference.AssertRoundTrips(JsonWideGenerators.Polymorphic, share: 0.5);

    [Fact]
    public void ExtensionData() => JsonReference.AssertRoundTrips(JsonWideGenerators.Extension, share: 0.5);

    [Fact]
    public void NumberHandling() => JsonReference.AssertRoundTrips(JsonWideGenerators.NumbersWithFiniteHalves);

    [Fact]
    public void WideInitOnlyMembersWithInitializers() => JsonReference.AssertRoundTrips(JsonWideGenerators.WideInitDefaults);
}
