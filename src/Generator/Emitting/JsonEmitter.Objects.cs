using System.Collections.Generic;
using System.Linq;
using TypedSockets.Generator.Model;

namespace TypedSockets.Generator.Emitting;

/// <summary>Records, classes and structs: their members in order, constructors, init members, polymorphism, number handling.</summary>
internal static partial class JsonEmitter
{
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
        return shape.Kind == ShapeKind.Primitive && shape.Primitive.IsNumber();
    }

    /// <summary>A constructor parameter's default value as a C# constant.</summary>
    private static string DefaultLiteral(DefaultValueShape value, MemberShape member)
    {
        var literal = value.Kind switch
        {
            DefaultValueKind.Null => member.IsValueType ? "default" : "null",
            DefaultValueKind.String => Literal(value.Text),
            DefaultValueKind.Char => Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(value.Text[0], quote: true),
            DefaultValueKind.Single => ConstantWriter.FloatingPoint("float", value.Text, "F"),
            DefaultValueKind.Double => ConstantWriter.FloatingPoint("double", value.Text, "D"),
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

    private static string VarName(MemberShape member) => "v_" + member.ClrName;

    private static string HasName(MemberShape member) => "has_" + member.ClrName;

    /// <summary>The member's local as an argument: reference types were checked for null already, or may be null.</summary>
    private static string Value(MemberShape member) => member.IsValueType ? VarName(member) : VarName(member) + "!";
}
