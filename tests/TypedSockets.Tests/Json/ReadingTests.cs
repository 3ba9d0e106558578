namespace TypedSockets.Tests.Json;

/// <summary>For random values of every catalogue type, TypedSockets accepts and rejects exactly what System.Text.Json (strict) does, JSON and mutations of it.</summary>
public sealed class ReadingTests
{
    [Fact]
    public void Primitives() => JsonReference.AssertReadsLikeStj(JsonGenerators.Primitives);

    [Fact]
    public void Enums() => JsonReference.AssertReadsLikeStj(JsonGenerators.Enums);

    [Fact]
    public void Nullables() => JsonReference.AssertReadsLikeStj(JsonGenerators.Nullables);

    [Fact]
    public void Collections() => JsonReference.AssertReadsLikeStj(JsonGenerators.Collections);

    [Fact]
    public void Nested() => JsonReference.AssertReadsLikeStj(JsonGenerators.Nested, share: 0.5);

    [Fact]
    public void RecursiveTree() => JsonReference.AssertReadsLikeStj(JsonGenerators.Tree, share: 0.5);

    [Fact]
    public void SettableInitAndRequiredMembers() => JsonReference.AssertReadsLikeStj(JsonGenerators.Members);

    [Fact]
    public void InitOnlyMembersWithInitializers() => JsonReference.AssertReadsLikeStj(JsonGenerators.InitDefaults);

    [Fact]
    public void NonNullableSettableMembers() => JsonReference.AssertReadsLikeStj(JsonGenerators.Loose);

    [Fact]
    public void PropertyNames() => JsonReference.AssertReadsLikeStj(JsonGenerators.Names);

    [Fact]
    public void IgnoreConditions() => JsonReference.AssertReadsLikeStj(JsonGenerators.Ignores);

    [Fact]
    public void ConstructorDefaults() => JsonReference.AssertReadsLikeStj(JsonGenerators.Defaults);

    [Fact]
    public void GetOnlyMembers() => JsonReference.AssertReadsLikeStj(JsonGenerators.GetOnly);

    [Fact]
    public void DerivedRecord() => JsonReference.AssertReadsLikeStj(JsonGenerators.Derived);

    [Fact]
    public void DerivedClassMembers() => JsonReference.AssertReadsLikeStj(JsonGenerators.Holder);

    [Fact]
    public void StructEvent() => JsonReference.AssertReadsLikeStj(JsonGenerators.StructEvent);

    [Fact]
    public void NestedEventType() => JsonReference.AssertReadsLikeStj(JsonGenerators.Inner, share: 0.25);

    [Fact]
    public void EmptyEvent() => JsonReference.AssertReadsLikeStj(JsonGenerators.Nothing, share: 0.25);

    [Fact]
    public void StringsWithLoneSurrogates() =>
        JsonReference.AssertReadsLikeStj(CsCheck.Gen.Select(JsonGenerators.StringWithLoneSurrogates, JsonGenerators.Int, (text, seq) => new JsonStructEvent(seq, text, default)));

    [Fact]
    public void WideScalars() => JsonReference.AssertReadsLikeStj(JsonWideGenerators.Scalars);

    [Fact]
    public void WideCollections() => JsonReference.AssertReadsLikeStj(JsonWideGenerators.WideCollections, share: 0.5);

    [Fact]
    public void DictionaryKeys() => JsonReference.AssertReadsLikeStj(JsonWideGenerators.Keys, share: 0.5);

    [Fact]
    public void FieldsRequiredAndOrder() => JsonReference.AssertReadsLikeStj(JsonWideGenerators.FieldsAndOrder);

    [Fact]
    public void RawJson() => JsonReference.AssertReadsLikeStj(JsonWideGenerators.Raw, share: 0.5);

    [Fact]
    public void StringEnums() => JsonReference.AssertReadsLikeStj(JsonWideGenerators.StringEnums, share: 0.5);

    [Fact]
    public void Polymorphism() => JsonReference.AssertReadsLikeStj(JsonWideGenerators.Polymorphic, share: 0.5);

    [Fact]
    public void ExtensionData() => JsonReference.AssertReadsLikeStj(JsonWideGenerators.Extension, share: 0.5);

    [Fact]
    public void NumberHandling() => JsonReference.AssertReadsLikeStj(JsonWideGenerators.Numbers);

    [Fact]
    public void WideInitOnlyMembersWithInitializers() => JsonReference.AssertReadsLikeStj(JsonWideGenerators.WideInitDefaults);

    [Fact]
    public void ReadOnlySetsAgainstHashSetTwin() => JsonReference.AssertReadsLikeStjViaTwin<JsonReadOnlySets, JsonReadOnlySetsTwin>(JsonWideGenerators.ReadOnlySets, share: 0.5);
}
