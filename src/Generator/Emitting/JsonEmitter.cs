using System.Collections.Generic;
using System.Linq;
using TypedSockets.Generator.Model;

namespace TypedSockets.Generator.Emitting;

/// <summary>
/// Emits one static class per assembly with a <c>Write</c> and a <c>TryRead</c> overload for every
/// shape the assembly's events reach. Overloads are told apart by the type they take, so every
/// call site is simply <c>Write(writer, value.Member)</c> or <c>TryRead(ref reader, out x, out error)</c>.
/// </summary>
internal static class JsonEmitter
{
    private const string Writer = "global::System.Text.Json.Utf8JsonWriter";
    private const string Reader = "global::System.Text.Json.Utf8JsonReader";
    private const string Token = "global::System.Text.Json.JsonTokenType";
    private const string Error = "global::TypedSockets.SocketJsonError";
    private const string Primitives = "global::TypedSockets.Serialization.SocketJsonReader";
    private const string NotNullWhenFalse = "[global::System.Diagnostics.CodeAnalysis.NotNullWhen(false)]";

    public static string ClassName(string assemblyName) => "SocketJsonCode_" + Naming.Identifier(assemblyName);

    public static string QualifiedClassName(string assemblyName) => "global::TypedSockets.Generated." + ClassName(assemblyName);

    public static string Emit(string assemblyName, IReadOnlyList<TypeShape> shapes, IReadOnlyList<EventReference> events)
    {
        var byName = new Dictionary<string, TypeShape>();
        foreach (var shape in shapes)
        {
            if (!byName.ContainsKey(shape.TypeName))
            {
                byName.Add(shape.TypeName, shape);
            }
        }
        var names = new PropertyNames();
        var body = new SourceWriter();
        foreach (var shape in byName.Values.Where(s => s.Kind != ShapeKind.Primitive).OrderBy(s => s.TypeName, System.StringComparer.Ordinal))
        {
            EmitShape(body, shape, byName, names);
        }

        var writer = new SourceWriter().Header();
        writer.Open("namespace TypedSockets.Generated");
        writer.Line("/// <summary>JSON code for the socket events of this assembly, written by the TypedSockets generator.</summary>");
        writer.Line(SourceWriter.GeneratedCodeAttribute);
        writer.Open($"internal static class {ClassName(assemblyName)}");
        EmitRegistration(writer, events);
        foreach (var (json, field) in names.All)
        {
            writer.Line($"private static readonly global::System.Text.Json.JsonEncodedText {field} = global::System.Text.Json.JsonEncodedText.Encode({Literal(json)});");
        }
        foreach (var accessor in names.Accessors)
        {
            writer.Line();
            writer.Line(accessor);
        }
        writer.Line();
        writer.Line(body.ToString().TrimEnd('\n'));
        writer.Close();
        writer.Close();
        return writer.ToString();
    }

    /// <summary>
    /// A module initializer that registers every event of the assembly, so the operations that take
    /// any <c>TEvent</c> (<c>Broadcast</c>, <c>SendTo</c>, <c>SocketJson</c>) find its code by type.
    /// </summary>
    private static void EmitRegistration(SourceWriter w, IReadOnlyList<EventReference> events)
    {
        if (events.Count == 0)
        {
            return;
        }
        w.Line("""/// <summary>Registers the events of this assembly with <see cref="global::TypedSockets.SocketEventRegistry"/> when the assembly loads.</summary>""");
        w.Line("[global::System.Runtime.CompilerServices.ModuleInitializer]");
        using (w.Block("internal static void RegisterEvents()"))
        {
            foreach (var @event in events)
            {
                w.Line($"global::TypedSockets.SocketEventRegistry.Register<{@event.TypeName}>();");
            }
        }
        w.Line();
    }

    private static void EmitShape(SourceWriter w, TypeShape shape, Dictionary<string, TypeShape> shapes, PropertyNames names)
    {
        var nullableName = shape.IsValueType ? shape.TypeName : shape.TypeName + "?";
        switch (shape.Kind)
        {
            case ShapeKind.Enum:
                EmitEnum(w, shape, names);
                break;

            case ShapeKind.Nullable:
                EmitNullableWrite(w, "Write", shape.TypeName, WriteValue(shapes[shape.ElementTypeName!], "present"));
                w.Line();
                EmitNullableRead(w, "TryRead", shape.TypeName, ReadCall(shapes[shape.ElementTypeName!], $"{shape.ElementTypeName} present"));
                break;

            case ShapeKind.Array:
            case ShapeKind.List:
                EmitList(w, shape, nullableName, shapes);
                break;

            case ShapeKind.Dictionary:
                EmitDictionary(w, shape, nullableName, shapes);
                break;

            case ShapeKind.Object:
                EmitObjectWrite(w, shape, nullableName, shapes, names);
                w.Line();
                EmitObjectRead(w, shape, nullableName, shapes, names);
                break;
        }
        w.Line();
    }

    private static void EmitList(SourceWriter w, TypeShape shape, string nullableName, Dictionary<string, TypeShape> shapes)
    {
        var element = shapes[shape.ElementTypeName!];
        using (w.Block($"public static void Write({Writer} writer, {nullableName} value)"))
        {
            if (!shape.IsValueType)
            {
                using (w.Block("if (value is null)"))
                {
                    w.Line("writer.WriteNullValue();");
                    w.Line("return;");
                }
            }
            w.Line("writer.WriteStartArray();");
            if (shape.IsIndexable)
            {
                var count = shape.Kind == ShapeKind.Array || shape.Collection == CollectionKind.ImmutableArray ? "Length" : "Count";
                using (w.Block($"for (var i = 0; i < value.{count}; i++)"))
                {
                    w.Line(WriteValue(element, "value[i]"));
                }
            }
            else
            {
                using (w.Block("foreach (var item in value)"))
                {
                    w.Line(WriteValue(element, "item"));
                }
            }
            w.Line("writer.WriteEndArray();");
        }
        w.Line();
        using (w.Block($"public static bool TryRead(ref {Reader} reader, out {nullableName} value, {NotNullWhenFalse} out {Error}? error)"))
        {
            w.Line("value = default;");
            if (!shape.IsValueType)
            {
                using (w.Block($"if (reader.TokenType == {Token}.Null)"))
                {
                    w.Line("error = null;");
                    w.Line("return true;");
                }
            }
            using (w.Block($"if (reader.TokenType != {Token}.StartArray)"))
            {
                w.Line($"""error = {Primitives}.Expected("an array", reader.TokenType);""");
                w.Line("return false;");
            }
            w.Line($"var items = new global::System.Collections.Generic.List<{element.TypeName}>();");
            using (w.Block($"while (reader.Read() && reader.TokenType != {Token}.EndArray)"))
            {
                using (w.Block($"if (!{ReadCall(element, $"{ElementLocal(element)} item")})"))
                {
                    w.Line("error = error.AtIndex(items.Count);");
                    w.Line("return false;");
                }
                w.Line(element.IsValueType ? "items.Add(item);" : "items.Add(item!);");
            }
            w.Line($"value = {FromRead(shape, element, "items")};");
            w.Line("error = null;");
            w.Line("return true;");
        }
    }

    private static void EmitDictionary(SourceWriter w, TypeShape shape, string nullableName, Dictionary<string, TypeShape> shapes)
    {
        var element = shapes[shape.ElementTypeName!];
        using (w.Block($"public static void Write({Writer} writer, {nullableName} value)"))
        {
            using (w.Block("if (value is null)"))
            {
                w.Line("writer.WriteNullValue();");
                w.Line("return;");
            }
            w.Line("writer.WriteStartObject();");
            using (w.Block("foreach (var pair in value)"))
            {
                w.Line(WriteKey(shape, shapes));
                w.Line(WriteValue(element, "pair.Value"));
            }
            w.Line("writer.WriteEndObject();");
        }
        w.Line();
        using (w.Block($"public static bool TryRead(ref {Reader} reader, out {nullableName} value, {NotNullWhenFalse} out {Error}? error)"))
        {
            w.Line("value = null;");
            using (w.Block($"if (reader.TokenType == {Token}.Null)"))
            {
                w.Line("error = null;");
                w.Line("return true;");
            }
            using (w.Block($"if (reader.TokenType != {Token}.StartObject)"))
            {
                w.Line($"""error = {Primitives}.Expected("an object", reader.TokenType);""");
                w.Line("return false;");
            }
            w.Line($"var items = new {shape.ConcreteTypeName}();");
            using (w.Block($"while (reader.Read() && reader.TokenType == {Token}.PropertyName)"))
            {
                w.Line("var name = reader.GetString()!;");
                if (shape.Key == KeyKind.String)
                {
                    w.Line("var key = name;");
                }
                else
                {
                    using (w.Block($"if (!({ParseKey(shape, shapes)}))"))
                    {
                        w.Line($"error = {Error}.Create({Literal($"not a valid key ({shape.KeyDisplayName})")}).AtProperty(name);");
                        w.Line("return false;");
                    }
                }
                w.Line("reader.Read();");
                using (w.Block($"if (!{ReadCall(element, $"{ElementLocal(element)} item")})"))
                {
                    w.Line("error = error.AtProperty(name);");
                    w.Line("return false;");
                }
                using (w.Block(element.IsValueType ? "if (!items.TryAdd(key, item))" : "if (!items.TryAdd(key, item!))"))
                {
                    w.Line($"error = {Error}.Duplicate(name);");
                    w.Line("return false;");
                }
            }
            w.Line($"value = {FromRead(shape, element, "items")};");
            w.Line("error = null;");
            w.Line("return true;");
        }
    }

    private static void EmitObjectWrite(SourceWriter w, TypeShape shape, string nullableName, Dictionary<string, TypeShape> shapes, PropertyNames names)
    {
        var info = shape.Object!;
        using (w.Block($"public static void Write({Writer} writer, {nullableName} value)"))
        {
            if (!shape.IsValueType)
            {
                using (w.Block("if (value is null)"))
                {
                    w.Line("writer.WriteNullValue();");
                    w.Line("return;");
                }
            }
            if (info.Polymorphism is { } polymorphism)
            {
                // The discriminator comes first, then the derived type's own members.
                var discriminator = names.FieldFor(polymorphism.DiscriminatorName);
                using (w.Block("switch (value)"))
                {
                    foreach (var derived in polymorphism.Derived)
                    {
                        w.Line($"case {derived.TypeName} derived:");
                        w.Open();
                        w.Line("writer.WriteStartObject();");
                        w.Line(derived.Kind == DiscriminatorKind.String
                            ? $"writer.WriteString({discriminator}, {Literal(derived.Discriminator)});"
                            : $"writer.WriteNumber({discriminator}, {derived.Discriminator});");
                        w.Line("WriteMembers(writer, derived);");
                        w.Line("writer.WriteEndObject();");
                        w.Line("return;");
                        w.Close();
                    }
                }
            }
            w.Line("writer.WriteStartObject();");
            w.Line("WriteMembers(writer, value);");
            w.Line("writer.WriteEndObject();");
        }
        w.Line();
        using (w.Block($"private static void WriteMembers({Writer} writer, {shape.TypeName} value)"))
        {
            foreach (var member in info.Members)
            {
                if (member.Ignore == IgnoreKind.WhenWriting)
                {
                    continue;
                }
                var memberShape = shapes[member.TypeName];
                var access = "value." + Escaped(member.ClrName);
                // '!' lets a List<string?> member use the List<string> writer: the writer handles nulls.
                var argument = member.IsValueType ? access : access + "!";
                var write = CombinedWrite(member, memberShape, names.FieldFor(member.JsonName), argument)
                    ?? $"writer.WritePropertyName({names.FieldFor(member.JsonName)});\n"
                        + (member.EnumAsString ? $"WriteName(writer, {access});" : WriteMemberValue(member, memberShape, argument, shapes));
                var condition = member.Ignore switch
                {
                    IgnoreKind.WhenWritingNull when !member.IsValueType || memberShape.Kind == ShapeKind.Nullable => $"{access} is not null",
                    IgnoreKind.WhenWritingDefault => $"!global::System.Collections.Generic.EqualityComparer<{member.TypeName}>.Default.Equals({access}, default!)",
                    _ => null,
                };
                if (condition is null)
                {
                    w.Line(write);
                }
                else
                {
                    using (w.Block($"if ({condition})"))
                    {
                        w.Line(write);
                    }
                }
            }
            if (info.ExtensionData is { } extension)
            {
                using (w.Block($"if (value.{Escaped(extension.ClrName)} is {{ }} extension)"))
                {
                    using (w.Block("foreach (var pair in extension)"))
                    {
                        w.Line("writer.WritePropertyName(pair.Key);");
                        w.Line("global::TypedSockets.Serialization.SocketJsonWriter.Write(writer, pair.Value);");
                    }
                }
            }
        }
    }

    private static void EmitObjectRead(SourceWriter w, TypeShape shape, string nullableName, Dictionary<string, TypeShape> shapes, PropertyNames names)
    {
        var info = shape.Object!;
        var outName = shape.IsValueType ? shape.TypeName : nullableName;
        var display = shape.DisplayName;
        if (info.Polymorphism is { } polymorphism)
        {
            using (w.Block($"public static bool TryRead(ref {Reader} reader, out {outName} value, {NotNullWhenFalse} out {Error}? error)"))
            {
                w.Line("value = default;");
                using (w.Block($"if (reader.TokenType == {Token}.StartObject)"))
                {
                    // The discriminator must come first, as System.Text.Json expects by default.
                    w.Line("var probe = reader;");
                    w.Line("probe.Read();");
                    using (w.Block($"if (probe.TokenType == {Token}.PropertyName && probe.ValueTextEquals({Literal(polymorphism.DiscriminatorName)}u8))"))
                    {
                        w.Line("probe.Read();");
                        if (polymorphism.Derived.Any(d => d.Kind == DiscriminatorKind.Number))
                        {
                            w.Line("var number = 0;");
                            w.Line($"var isNumber = probe.TokenType == {Token}.Number && probe.TryGetInt32(out number);");
                        }
                        foreach (var derived in polymorphism.Derived)
                        {
                            var test = derived.Kind == DiscriminatorKind.String
                                ? $"probe.TokenType == {Token}.String && probe.ValueTextEquals({Literal(derived.Discriminator)})"
                                : $"isNumber && number == {derived.Discriminator}";
                            using (w.Block($"if ({test})"))
                            {
                                w.Line($"var ok = TryRead(ref reader, out {Local(derived.TypeName, false)} derived, out error);");
                                w.Line("value = derived;");
                                w.Line("return ok;");
                            }
                        }
                        w.Line($"""error = {Error}.Create("unknown type discriminator").AtProperty({Literal(polymorphism.DiscriminatorName)});""");
                        w.Line("return false;");
                    }
                }
                w.Line("return TryReadExactly(ref reader, out value, out error);");
            }
            w.Line();
        }
        var method = info.Polymorphism is null ? "public static bool TryRead" : "private static bool TryReadExactly";
        using (w.Block($"{method}(ref {Reader} reader, out {outName} value, {NotNullWhenFalse} out {Error}? error)"))
        {
            w.Line("value = default;");
            if (!shape.IsValueType)
            {
                using (w.Block($"if (reader.TokenType == {Token}.Null)"))
                {
                    w.Line("error = null;");
                    w.Line("return true;");
                }
            }
            if (!info.IsReadable)
            {
                var why = info.Polymorphism is null ? "cannot be created when reading" : $"needs a '{info.Polymorphism.DiscriminatorName}' of one of its derived types";
                w.Line($"error = {Error}.Create({Literal($"'{display}' {why}")});");
                w.Line("return false;");
                return;
            }
            using (w.Block($"if (reader.TokenType != {Token}.StartObject)"))
            {
                w.Line($"""error = {Primitives}.Expected("an object", reader.TokenType);""");
                w.Line("return false;");
            }
            // Members whose value is never used (get-only, or ignored when reading) are still known
            // names: System.Text.Json rejects a duplicate of them too.
            var members = info.Members.Where(m => m.Ignore != IgnoreKind.WhenReading && (m.ConstructorIndex >= 0 || m.Assignment != MemberAssignment.None)).ToList();
            var skipped = info.Members.Where(m => !members.Contains(m)).Select(m => m.JsonName)
                .Concat(info.IgnoredNames.IsDefaultOrEmpty() ? [] : info.IgnoredNames)
                .Distinct().ToList();
            foreach (var member in members)
            {
                w.Line($"{Local(member.TypeName, member.IsValueType)} {VarName(member)} = default;");
                w.Line($"var {HasName(member)} = false;");
            }
            for (var i = 0; i < skipped.Count; i++)
            {
                w.Line($"var seen_{i.ToString(System.Globalization.CultureInfo.InvariantCulture)} = false;");
            }
            if (info.ExtensionData is { } extensionMember)
            {
                w.Line($"global::System.Collections.Generic.Dictionary<string, global::System.Text.Json.JsonElement>? extension = null;");
            }
            w.Line($"global::System.Span<byte> scratch = stackalloc byte[{Primitives}.PropertyNameScratchLength];");
            using (w.Block($"while (reader.Read() && reader.TokenType == {Token}.PropertyName)"))
            {
                w.Line($"var name = {Primitives}.GetPropertyName(in reader, scratch);");
                w.Line("reader.Read();");
                foreach (var member in members)
                {
                    using (w.Block($"if ({Primitives}.NameMatches(name, {Literal(member.JsonName)}u8))"))
                    {
                        using (w.Block($"if ({HasName(member)})"))
                        {
                            w.Line($"error = {Error}.Duplicate({Literal(member.JsonName)});");
                            w.Line("return false;");
                        }
                        w.Line($"{HasName(member)} = true;");
                        if (member.NumberHandling is { } handling && (handling & NumberHandling.AllowReadingFromString) == 0 && IsNumber(member, shapes))
                        {
                            // JsonNumberHandling.Strict: a number in quotes is refused.
                            var literals = (handling & NumberHandling.AllowNamedFloatingPointLiterals) != 0 ? $" && !{Primitives}.IsNamedFloatingPointLiteral(in reader)" : string.Empty;
                            using (w.Block($"if (reader.TokenType == {Token}.String{literals})"))
                            {
                                w.Line($"""error = {Error}.Create("expected a number, got a string (the member's number handling is strict)").AtProperty({Literal(member.JsonName)});""");
                                w.Line("return false;");
                            }
                        }
                        var read = member.EnumAsString
                            ? $"TryReadName(ref reader, out {VarName(member)}, out error)"
                            : ReadCall(shapes[member.TypeName], VarName(member));
                        using (w.Block($"if (!{read})"))
                        {
                            w.Line($"error = error.AtProperty({Literal(member.JsonName)});");
                            w.Line("return false;");
                        }
                        if (!member.AllowsNull && !member.IsValueType)
                        {
                            using (w.Block($"if ({VarName(member)} is null)"))
                            {
                                w.Line($"error = {Error}.NullNotAllowed({Literal(member.JsonName)});");
                                w.Line("return false;");
                            }
                        }
                        w.Line("continue;");
                    }
                }
                for (var i = 0; i < skipped.Count; i++)
                {
                    var seen = "seen_" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    using (w.Block($"if ({Primitives}.NameMatches(name, {Literal(skipped[i])}u8))"))
                    {
                        using (w.Block($"if ({seen})"))
                        {
                            w.Line($"error = {Error}.Duplicate({Literal(skipped[i])});");
                            w.Line("return false;");
                        }
                        w.Line($"{seen} = true;");
                        w.Line("reader.Skip();");
                        w.Line("continue;");
                    }
                }
                if (info.ExtensionData is not null)
                {
                    w.Line($"var key = {Primitives}.NameToString(name);");
                    using (w.Block("if (!(extension ??= new()).TryAdd(key, global::System.Text.Json.JsonElement.ParseValue(ref reader)))"))
                    {
                        w.Line($"error = {Error}.Duplicate(key);");
                        w.Line("return false;");
                    }
                }
                else
                {
                    w.Line("reader.Skip();");
                }
            }
            foreach (var member in members.Where(m => m.IsRequired))
            {
                using (w.Block($"if (!{HasName(member)})"))
                {
                    w.Line($"error = {Error}.Missing({Literal(member.JsonName)});");
                    w.Line("return false;");
                }
            }

            var arguments = new string[info.ConstructorParameterCount];
            foreach (var member in members.Where(m => m.ConstructorIndex >= 0))
            {
                arguments[member.ConstructorIndex] = member.ConstructorDefault is { } fallback
                    ? $"{HasName(member)} ? {Value(member)} : {DefaultLiteral(fallback, member)}"
                    : Value(member);
            }
            // Constructor parameters that are ignored for reading still need a value.
            for (var i = 0; i < arguments.Length; i++)
            {
                arguments[i] ??= "default!";
            }
            // Required init members are always present; other init members are set only when
            // present (through an accessor), so an initializer's value survives their absence.
            var initializers = members.Where(m => m.ConstructorIndex < 0 && m.Assignment == MemberAssignment.Initializer && m.IsRequired)
                .Select(m => $"{Escaped(m.ClrName)} = {Value(m)}")
                .ToList();
            var creation = $"new {shape.TypeName}({string.Join(", ", arguments)})";
            if (initializers.Count > 0)
            {
                creation += " { " + string.Join(", ", initializers) + " }";
            }
            w.Line($"var result = {creation};");
            foreach (var member in members.Where(m => m.ConstructorIndex < 0 && m.Assignment == MemberAssignment.Setter))
            {
                using (w.Block($"if ({HasName(member)})"))
                {
                    w.Line($"result.{Escaped(member.ClrName)} = {Value(member)};");
                }
            }
            foreach (var member in members.Where(m => m.ConstructorIndex < 0 && m.Assignment == MemberAssignment.Initializer && !m.IsRequired))
            {
                using (w.Block($"if ({HasName(member)})"))
                {
                    w.Line($"{names.InitAccessor(shape, member)}({(shape.IsValueType ? "ref " : string.Empty)}result, {Value(member)});");
                }
            }
            if (info.ExtensionData is { } extensionData)
            {
                using (w.Block("if (extension is not null)"))
                {
                    if (extensionData.Assignment == MemberAssignment.None)
                    {
                        using (w.Block($"foreach (var pair in extension)"))
                        {
                            w.Line($"result.{Escaped(extensionData.ClrName)}.Add(pair.Key, pair.Value);");
                        }
                    }
                    else if (extensionData.Assignment == MemberAssignment.Setter)
                    {
                        w.Line($"result.{Escaped(extensionData.ClrName)} = extension;");
                    }
                    else
                    {
                        w.Line($"{names.InitAccessor(shape, extensionData)}({(shape.IsValueType ? "ref " : string.Empty)}result, extension);");
                    }
                }
            }
            w.Line("value = result;");
            w.Line("error = null;");
            w.Line("return true;");
        }
    }

    private static bool IsNumber(MemberShape member, Dictionary<string, TypeShape> shapes)
    {
        var shape = shapes[member.TypeName];
        if (shape.Kind == ShapeKind.Nullable)
        {
            shape = shapes[shape.ElementTypeName!];
        }
        return shape.Kind == ShapeKind.Primitive && shape.Primitive is PrimitiveKind.Byte or PrimitiveKind.SByte or PrimitiveKind.Int16
            or PrimitiveKind.UInt16 or PrimitiveKind.Int32 or PrimitiveKind.UInt32 or PrimitiveKind.Int64 or PrimitiveKind.UInt64
            or PrimitiveKind.Single or PrimitiveKind.Double or PrimitiveKind.Decimal or PrimitiveKind.Half or PrimitiveKind.Int128
            or PrimitiveKind.UInt128;
    }

    /// <summary>The declared collection made of the list or dictionary the reader filled.</summary>
    private static string FromRead(TypeShape shape, TypeShape element, string items) => shape.Kind == ShapeKind.Array
        ? $"{items}.ToArray()"
        : shape.Collection switch
        {
            CollectionKind.HashSet => $"new global::System.Collections.Generic.HashSet<{element.TypeName}>({items})",
            CollectionKind.ImmutableArray => $"global::System.Collections.Immutable.ImmutableArray.CreateRange({items})",
            CollectionKind.ImmutableList => $"global::System.Collections.Immutable.ImmutableList.CreateRange({items})",
            CollectionKind.ImmutableDictionary => $"global::System.Collections.Immutable.ImmutableDictionary.CreateRange({items})",
            _ => items,
        };

    /// <summary>A constructor parameter's default value as a C# constant.</summary>
    private static string DefaultLiteral(DefaultValueShape value, MemberShape member)
    {
        var literal = value.Kind switch
        {
            DefaultValueKind.Null => member.IsValueType ? "default" : "null",
            DefaultValueKind.String => Literal(value.Text),
            DefaultValueKind.Char => Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(value.Text[0], quote: true),
            DefaultValueKind.Single => value.Text + "F",
            DefaultValueKind.Double => value.Text + "D",
            DefaultValueKind.Decimal => value.Text + "M",
            DefaultValueKind.Int64 => value.Text + "L",
            DefaultValueKind.UInt64 => value.Text + "UL",
            DefaultValueKind.UInt32 => value.Text + "U",
            _ => value.Text,
        };
        return value.EnumTypeName is { } enumType ? $"({enumType})({literal})" : literal;
    }

    /// <summary>A member's value, honouring <c>[JsonNumberHandling]</c> (quoted numbers, named floating-point literals).</summary>
    private static string WriteMemberValue(MemberShape member, TypeShape shape, string expression, Dictionary<string, TypeShape> shapes)
    {
        if (member.NumberHandling is not { } handling
            || (handling & (NumberHandling.WriteAsString | NumberHandling.AllowNamedFloatingPointLiterals)) == 0
            || !IsNumber(member, shapes))
        {
            return WriteValue(shape, expression);
        }
        var quoted = (handling & NumberHandling.WriteAsString) != 0 ? "true" : "false";
        var named = (handling & NumberHandling.AllowNamedFloatingPointLiterals) != 0 ? "true" : "false";
        return $"global::TypedSockets.Serialization.SocketJsonWriter.WriteNumber(writer, {expression}, quoted: {quoted}, namedLiterals: {named});";
    }

    /// <summary>
    /// The one writer call that writes a property name and a primitive value together, as
    /// System.Text.Json's fast path does: the writer checks its state and reserves space once.
    /// </summary>
    private static string? CombinedWrite(MemberShape member, TypeShape shape, string name, string expression)
    {
        if (member.EnumAsString || member.NumberHandling is not null || shape.Kind != ShapeKind.Primitive)
        {
            return null;
        }
        return shape.Primitive switch
        {
            PrimitiveKind.String or PrimitiveKind.Guid or PrimitiveKind.DateTime or PrimitiveKind.DateTimeOffset
                => $"writer.WriteString({name}, {expression});",
            PrimitiveKind.Boolean => $"writer.WriteBoolean({name}, {expression});",
            PrimitiveKind.Byte or PrimitiveKind.SByte or PrimitiveKind.Int16 or PrimitiveKind.UInt16 or PrimitiveKind.Int32
                or PrimitiveKind.UInt32 or PrimitiveKind.Int64 or PrimitiveKind.UInt64 or PrimitiveKind.Single
                or PrimitiveKind.Double or PrimitiveKind.Decimal
                => $"writer.WriteNumber({name}, {expression});",
            _ => null,
        };
    }

    /// <summary>A statement that writes <paramref name="expression"/> as a JSON value.</summary>
    private static string WriteValue(TypeShape shape, string expression) => shape.Kind switch
    {
        ShapeKind.Primitive => shape.Primitive switch
        {
            PrimitiveKind.String or PrimitiveKind.Guid or PrimitiveKind.DateTime or PrimitiveKind.DateTimeOffset
                => $"writer.WriteStringValue({expression});",
            PrimitiveKind.Boolean => $"writer.WriteBooleanValue({expression});",
            PrimitiveKind.Bytes => $"global::TypedSockets.Serialization.SocketJsonWriter.WriteBase64(writer, {expression});",
            PrimitiveKind.Char or PrimitiveKind.DateOnly or PrimitiveKind.TimeOnly or PrimitiveKind.TimeSpan or PrimitiveKind.Uri
                or PrimitiveKind.Version or PrimitiveKind.Half or PrimitiveKind.Int128 or PrimitiveKind.UInt128
                or PrimitiveKind.JsonElement or PrimitiveKind.JsonNode
                => $"global::TypedSockets.Serialization.SocketJsonWriter.Write(writer, {expression});",
            _ => $"writer.WriteNumberValue({expression});",
        },
        _ => $"Write(writer, {expression});",
    };

    /// <summary>A writer for <c>T?</c>: <c>null</c>, or <paramref name="writePresent"/> with the value as <c>present</c>.</summary>
    private static void EmitNullableWrite(SourceWriter w, string method, string nullableType, string writePresent)
    {
        using (w.Block($"public static void {method}({Writer} writer, {nullableType} value)"))
        {
            using (w.Block("if (value is { } present)"))
            {
                w.Line(writePresent);
            }
            using (w.Block("else"))
            {
                w.Line("writer.WriteNullValue();");
            }
        }
    }

    /// <summary>A reader for <c>T?</c>: <c>null</c>, or <paramref name="readPresent"/> into <c>present</c>.</summary>
    private static void EmitNullableRead(SourceWriter w, string method, string nullableType, string readPresent)
    {
        using (w.Block($"public static bool {method}(ref {Reader} reader, out {nullableType} value, {NotNullWhenFalse} out {Error}? error)"))
        {
            using (w.Block($"if (reader.TokenType == {Token}.Null)"))
            {
                w.Line("value = null;");
                w.Line("error = null;");
                w.Line("return true;");
            }
            w.Line($"var ok = {readPresent};");
            w.Line("value = ok ? present : null;");
            w.Line("return ok;");
        }
    }

    private static void EmitEnum(SourceWriter w, TypeShape shape, PropertyNames names)
    {
        var type = shape.TypeName;
        var underlying = shape.EnumUnderlyingType!;
        var info = shape.Enum!;
        var table = names.EnumTable(shape);
        var values = string.Join(", ", info.Members.Select(m => $"unchecked((ulong){type}.{m.ClrName})"));
        var jsonNames = string.Join(", ", info.Members.Select(m => Literal(m.JsonName)));
        var flags = info.IsFlags ? "true" : "false";
        w.Line($"private static readonly global::TypedSockets.Serialization.SocketEnumNames {table} = new([{values}], [{jsonNames}], isFlags: {flags});");
        w.Line();
        using (w.Block($"public static void Write({Writer} writer, {type} value)"))
        {
            w.Line(info.WritesAsString ? "WriteName(writer, value);" : $"writer.WriteNumberValue(({WriteCast(underlying)})value);");
        }
        w.Line();
        using (w.Block($"public static bool TryRead(ref {Reader} reader, out {type} value, {NotNullWhenFalse} out {Error}? error)"))
        {
            w.Line(info.WritesAsString ? "return TryReadName(ref reader, out value, out error);" : "return TryReadNumber(ref reader, out value, out error);");
        }
        w.Line();
        w.Line("/// <summary>Writes the value's name, as JsonStringEnumConverter does; a value without a name as its number.</summary>");
        using (w.Block($"public static void WriteName({Writer} writer, {type} value)"))
        {
            using (w.Block($"if ({table}.Format(unchecked((ulong)value)) is {{ }} name)"))
            {
                w.Line("writer.WriteStringValue(name);");
            }
            using (w.Block("else"))
            {
                w.Line($"writer.WriteNumberValue(({WriteCast(underlying)})value);");
            }
        }
        w.Line();
        EmitNullableWrite(w, "WriteName", type + "?", "WriteName(writer, present);");
        w.Line();
        using (w.Block($"public static bool TryReadName(ref {Reader} reader, out {type} value, {NotNullWhenFalse} out {Error}? error)"))
        {
            using (w.Block($"if (reader.TokenType != {Token}.String)"))
            {
                w.Line("return TryReadNumber(ref reader, out value, out error);");
            }
            w.Line("var text = reader.GetString()!;");
            using (w.Block($"if ({table}.TryParse(text, out var bits))"))
            {
                w.Line($"value = unchecked(({type})bits);");
                w.Line("error = null;");
                w.Line("return true;");
            }
            // JsonStringEnumConverter also reads a quoted integer.
            using (w.Block($"if ({underlying}.TryParse(text, global::System.Globalization.NumberStyles.AllowLeadingSign, global::System.Globalization.CultureInfo.InvariantCulture, out var number))"))
            {
                w.Line($"value = ({type})number;");
                w.Line("error = null;");
                w.Line("return true;");
            }
            w.Line("value = default;");
            w.Line($"error = {Error}.Create({Literal($"not a name of {shape.DisplayName}: ")} + text);");
            w.Line("return false;");
        }
        w.Line();
        EmitNullableRead(w, "TryReadName", type + "?", $"TryReadName(ref reader, out {type} present, out error)");
        w.Line();
        using (w.Block($"private static bool TryReadNumber(ref {Reader} reader, out {type} value, {NotNullWhenFalse} out {Error}? error)"))
        {
            using (w.Block($"if (reader.TokenType != {Token}.Number)"))
            {
                w.Line("value = default;");
                w.Line($"""error = {Primitives}.Expected("a number", reader.TokenType);""");
                w.Line("return false;");
            }
            w.Line($"var ok = {Primitives}.TryRead(ref reader, out {underlying} number, out error);");
            w.Line($"value = ({type})number;");
            w.Line("return ok;");
        }
        w.Line();
        w.Line("/// <summary>The value as a dictionary key: its name, or its number.</summary>");
        using (w.Block($"public static string KeyName({type} value)"))
        {
            w.Line($"return {table}.Format(unchecked((ulong)value)) ?? (({underlying})value).ToString(global::System.Globalization.CultureInfo.InvariantCulture);");
        }
        w.Line();
        using (w.Block($"public static bool TryParseKey(string text, out {type} value)"))
        {
            // Like Enum.TryParse: surrounding spaces, a list of names, or a number.
            w.Line("text = text.Trim();");
            using (w.Block($"if ({table}.TryParseList(text, out var bits))"))
            {
                w.Line($"value = unchecked(({type})bits);");
                w.Line("return true;");
            }
            w.Line($"var ok = {underlying}.TryParse(text, global::System.Globalization.NumberStyles.AllowLeadingSign, global::System.Globalization.CultureInfo.InvariantCulture, out var number);");
            w.Line($"value = ({type})number;");
            w.Line("return ok;");
        }
    }

    private static string WriteKey(TypeShape dictionary, Dictionary<string, TypeShape> shapes) => dictionary.Key switch
    {
        KeyKind.String => "writer.WritePropertyName(pair.Key);",
        KeyKind.Enum => "writer.WritePropertyName(KeyName(pair.Key));",
        _ => "global::TypedSockets.Serialization.SocketJsonWriter.WritePropertyName(writer, pair.Key);",
    };

    private static string ParseKey(TypeShape dictionary, Dictionary<string, TypeShape> shapes) => dictionary.Key switch
    {
        KeyKind.Guid => $"""{Primitives}.IsExactKey(name) && global::System.Guid.TryParseExact(name, "D", out var key)""",
        KeyKind.Enum => $"TryParseKey(name, out {dictionary.KeyTypeName} key)",
        _ => $"{dictionary.KeyTypeName}.TryParse(name, global::System.Globalization.NumberStyles.AllowLeadingSign, global::System.Globalization.CultureInfo.InvariantCulture, out var key) && {Primitives}.IsExactKey(name)",
    };

    /// <summary>An expression that reads the current value into <paramref name="target"/> (<c>out target</c>).</summary>
    private static string ReadCall(TypeShape shape, string target) => shape.Kind == ShapeKind.Primitive
        ? $"{Primitives}.TryRead(ref reader, out {target}, out error)"
        : $"TryRead(ref reader, out {target}, out error)";

    private static string ElementLocal(TypeShape element) => Local(element.TypeName, element.IsValueType);

    private static string Local(string typeName, bool isValueType) => isValueType ? typeName : typeName + "?";

    private static string VarName(MemberShape member) => "v_" + member.ClrName;

    private static string HasName(MemberShape member) => "has_" + member.ClrName;

    /// <summary>The member's local as an argument: reference types were checked for null already, or may be null.</summary>
    private static string Value(MemberShape member) => member.IsValueType ? VarName(member) : VarName(member) + "!";

    /// <summary>A member name usable after a dot, escaped when it is a keyword.</summary>
    private static string Escaped(string name) =>
        Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(name) != Microsoft.CodeAnalysis.CSharp.SyntaxKind.None ? "@" + name : name;

    private static string WriteCast(string underlying) => underlying switch
    {
        "byte" or "sbyte" or "short" or "ushort" => "int",
        _ => underlying,
    };

    private static string Literal(string value) => Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(value, quote: true);

    /// <summary>One pre-encoded property name field per distinct JSON name.</summary>
    private sealed class PropertyNames
    {
        private readonly Dictionary<string, string> _fields = new();
        private readonly HashSet<string> _used = new();

        public IEnumerable<(string Json, string Field)> All => _fields.Select(p => (p.Key, p.Value)).OrderBy(p => p.Value, System.StringComparer.Ordinal);

        private readonly List<string> _accessors = new();

        /// <summary>Declarations of the init accessors asked for so far.</summary>
        public IEnumerable<string> Accessors => _accessors;

        /// <summary>An <c>[UnsafeAccessor]</c> for a member's init setter, so it can be set only when present.</summary>
        public string InitAccessor(TypeShape owner, MemberShape member)
        {
            var baseName = "Init_" + Naming.Identifier(owner.DisplayName).TrimStart('_') + "_" + member.ClrName;
            var field = baseName;
            for (var i = 2; !_used.Add(field); i++)
            {
                field = baseName + "_" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            var target = (owner.IsValueType ? "ref " : string.Empty) + owner.TypeName;
            var valueType = member.IsValueType ? member.TypeName : member.TypeName + "?";
            _accessors.Add(
                $"""[global::System.Runtime.CompilerServices.UnsafeAccessor(global::System.Runtime.CompilerServices.UnsafeAccessorKind.Method, Name = "set_{member.ClrName}")]""" + "\n"
                + $"private static extern void {field}({target} target, {valueType} value);");
            return field;
        }

        public string EnumTable(TypeShape shape)
        {
            var baseName = "Enum_" + Naming.Identifier(shape.DisplayName).TrimStart('_');
            var field = baseName;
            for (var i = 2; !_used.Add(field); i++)
            {
                field = baseName + "_" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            return field;
        }

        public string FieldFor(string jsonName)
        {
            if (_fields.TryGetValue(jsonName, out var field))
            {
                return field;
            }
            var baseName = "Name_" + Naming.Identifier(jsonName).TrimStart('_');
            field = baseName;
            for (var i = 2; !_used.Add(field); i++)
            {
                field = baseName + "_" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            _fields.Add(jsonName, field);
            return field;
        }
    }
}
