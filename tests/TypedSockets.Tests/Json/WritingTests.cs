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

    [Fact]
    public void WideScalars() => JsonReference.AssertWritesLikeStj(JsonWideGenerators.Scalars);

    [Fact]
    public void WideCollections() => JsonReference.AssertWritesLikeStj(JsonWideGenerators.WideCollections, share: 0.5);

    [Fact]
    public void DictionaryKeys() => JsonReference.AssertWritesLikeStj(JsonWideGenerators.Keys, share: 0.5);

    [Fact]
    public void FieldsRequiredAndOrder() => JsonReference.AssertWritesLikeStj(JsonWideGenerators.FieldsAndOrder);

    [Fact]
    public void RawJson() => JsonReference.AssertWritesLikeStj(JsonWideGenerators.Raw, share: 0.5);

    [Fact]
    public void StringEnums() => JsonReference.AssertWritesLikeStj(JsonWideGenerators.StringEnums, share: 0.5);

    [Fact]
    public void Polymorphism() => JsonReference.AssertWritesLikeStj(JsonWideGenerators.Polymorphic, share: 0.5);

    [Fact]
    public void ExtensionData() => JsonReference.AssertWritesLikeStj(JsonWideGenerators.Extension, share: 0.5);

    [Fact]
    public void NumberHandling() => JsonReference.AssertWritesLikeStj(JsonWideGenerators.Numbers);

    [Fact]
    public void WideInitOnlyMembersWithInitializers() => JsonReference.AssertWritesLikeStj(JsonWideGenerators.WideInitDefaults);

    [Fact]
    public void NumbersWrittenAsStringsOnly() => JsonReference.AssertWritesLikeStj(JsonWideGenerators.NumbersWriteOnly);

    [Fact]
    public void LoneSurrogateChars() => JsonReference.AssertWritesLikeStj(JsonWideGenerators.ScalarsWithSurrogates, share: 0.1);

    [Fact]
    public void ReadOnlySets() => JsonReference.AssertWritesLikeStj(JsonWideGenerators.ReadOnlySets, share: 0.25);
}
