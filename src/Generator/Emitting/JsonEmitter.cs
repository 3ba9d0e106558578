using System.Collections.Generic;
using System.Linq;
using TypedSockets.Generator.Model;
using TypedSockets.Generator.Parsing;

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

    public static string Emit(string assemblyName, IReadOnlyList<TypeShape> shapes)
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
        foreach (var (json, field) in names.All)
        {
            writer.Line($"private static readonly global::System.Text.Json.JsonEncodedText {field} = global::System.Text.Json.JsonEncodedText.Encode({Literal(json)});");
        }
        writer.Line();
        writer.Line(body.ToString().TrimEnd('\n'));
        writer.Close();
        writer.Close();
        return writer.ToString();
    }

    private static void EmitShape(SourceWriter w, TypeShape shape, Dictionary<string, TypeShape> shapes, PropertyNames names)
    {
        var nullableName = shape.IsValueType ? shape.TypeName : shape.TypeName + "?";
        switch (shape.Kind)
        {
            case ShapeKind.Enum:
                using (w.Block($"public static void Write({Writer} writer, {shape.TypeName} value)"))
                {
                    w.Line($"writer.WriteNumberValue(({WriteCast(shape.EnumUnderlyingType!)})value);");
                }
                w.Line();
                using (w.Block($"public static bool TryRead(ref {Reader} reader, out {shape.TypeName} value, {NotNullWhenFalse} out {Error}? error)"))
                {
                    w.Line($"var ok = {Primitives}.TryRead(ref reader, out {shape.EnumUnderlyingType} number, out error);");
                    w.Line($"value = ({shape.TypeName})number;");
                    w.Line("return ok;");
                }
                break;

            case ShapeKind.Nullable:
                using (w.Block($"public static void Write({Writer} writer, {shape.TypeName} value)"))
                {
                    using (w.Block("if (value is { } present)"))
                    {
                        w.Line(WriteValue(shapes[shape.ElementTypeName!], "present"));
                    }
                    using (w.Block("else"))
                    {
                        w.Line("writer.WriteNullValue();");
                    }
                }
                w.Line();
                using (w.Block($"public static bool TryRead(ref {Reader} reader, out {shape.TypeName} value, {NotNullWhenFalse} out {Error}? error)"))
                {
                    using (w.Block($"if (reader.TokenType == {Token}.Null)"))
                    {
                        w.Line("value = null;");
                        w.Line("error = null;");
                        w.Line("return true;");
                    }
                    w.Line($"var ok = {ReadCall(shapes[shape.ElementTypeName!], $"{shape.ElementTypeName} present")};");
                    w.Line("value = ok ? present : null;");
                    w.Line("return ok;");
                }
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
        var indexable = shape.Kind == ShapeKind.Array
            || shape.TypeName.StartsWith("global::System.Collections.Generic.List<", System.StringComparison.Ordinal)
            || shape.TypeName.StartsWith("global::System.Collections.Generic.IReadOnlyList<", System.StringComparison.Ordinal)
            || shape.TypeName.StartsWith("global::System.Collections.Generic.IList<", System.StringComparison.Ordinal);
        using (w.Block($"public static void Write({Writer} writer, {nullableName} value)"))
        {
            using (w.Block("if (value is null)"))
            {
                w.Line("writer.WriteNullValue();");
                w.Line("return;");
            }
            w.Line("writer.WriteStartArray();");
            if (indexable)
            {
                var count = shape.Kind == ShapeKind.Array ? "Length" : "Count";
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
            w.Line("value = null;");
            using (w.Block($"if (reader.TokenType == {Token}.Null)"))
            {
                w.Line("error = null;");
                w.Line("return true;");
            }
            using (w.Block($"if (reader.TokenType != {Token}.StartArray)"))
            {
                w.Line($"error = {Primitives}.Expected(\"an array\", reader.TokenType);");
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
            w.Line(shape.Kind == ShapeKind.Array ? "value = items.ToArray();" : "value = items;");
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
                w.Line("writer.WritePropertyName(pair.Key);");
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
                w.Line($"error = {Primitives}.Expected(\"an object\", reader.TokenType);");
                w.Line("return false;");
            }
            w.Line($"var items = new {shape.ConcreteTypeName}();");
            using (w.Block($"while (reader.Read() && reader.TokenType == {Token}.PropertyName)"))
            {
                w.Line("var key = reader.GetString()!;");
                w.Line("reader.Read();");
                using (w.Block($"if (!{ReadCall(element, $"{ElementLocal(element)} item")})"))
                {
                    w.Line("error = error.AtProperty(key);");
                    w.Line("return false;");
                }
                using (w.Block(element.IsValueType ? "if (!items.TryAdd(key, item))" : "if (!items.TryAdd(key, item!))"))
                {
                    w.Line($"error = {Error}.Duplicate(key);");
                    w.Line("return false;");
                }
            }
            w.Line("value = items;");
            w.Line("error = null;");
            w.Line("return true;");
        }
    }

    private static void EmitObjectWrite(SourceWriter w, TypeShape shape, string nullableName, Dictionary<string, TypeShape> shapes, PropertyNames names)
    {
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
            w.Line("writer.WriteStartObject();");
            foreach (var member in shape.Object!.Members)
            {
                if (member.Ignore == IgnoreKind.WhenWriting)
                {
                    continue;
                }
                var memberShape = shapes[member.TypeName];
                var access = "value." + Escaped(member.ClrName);
                var write = $"writer.WritePropertyName({names.FieldFor(member.JsonName)});\n{WriteValue(memberShape, access)}";
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
            w.Line("writer.WriteEndObject();");
        }
    }

    private static void EmitObjectRead(SourceWriter w, TypeShape shape, string nullableName, Dictionary<string, TypeShape> shapes, PropertyNames names)
    {
        var outName = shape.IsValueType ? shape.TypeName : nullableName;
        using (w.Block($"public static bool TryRead(ref {Reader} reader, out {outName} value, {NotNullWhenFalse} out {Error}? error)"))
        {
            w.Line("value = default;");
            if (!shape.Object!.IsReadable)
            {
                w.Line($"error = {Error}.Create({Literal($"'{shape.TypeName.Replace("global::", string.Empty)}' cannot be created when reading")});");
                w.Line("return false;");
                return;
            }
            if (!shape.IsValueType)
            {
                using (w.Block($"if (reader.TokenType == {Token}.Null)"))
                {
                    w.Line("error = null;");
                    w.Line("return true;");
                }
            }
            using (w.Block($"if (reader.TokenType != {Token}.StartObject)"))
            {
                w.Line($"error = {Primitives}.Expected(\"an object\", reader.TokenType);");
                w.Line("return false;");
            }
            var members = shape.Object.Members.Where(m => m.Ignore != IgnoreKind.WhenReading).ToList();
            for (var i = 0; i < members.Count; i++)
            {
                var member = members[i];
                w.Line($"{Local(member.TypeName, member.IsValueType)} {VarName(member)} = default;");
                w.Line($"var {HasName(member)} = false;");
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
                        using (w.Block($"if (!{ReadCall(shapes[member.TypeName], VarName(member))})"))
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
                w.Line("reader.Skip();");
            }
            foreach (var member in members.Where(m => m.IsRequired))
            {
                using (w.Block($"if (!{HasName(member)})"))
                {
                    w.Line($"error = {Error}.Missing({Literal(member.JsonName)});");
                    w.Line("return false;");
                }
            }

            var arguments = new string[shape.Object.ConstructorParameterCount];
            foreach (var member in members.Where(m => m.ConstructorIndex >= 0))
            {
                arguments[member.ConstructorIndex] = member.ConstructorDefault is { } fallback
                    ? $"{HasName(member)} ? {Value(member)} : {fallback}"
                    : Value(member);
            }
            // Constructor parameters that are ignored for reading still need a value.
            for (var i = 0; i < arguments.Length; i++)
            {
                arguments[i] ??= "default!";
            }
            var initializers = members.Where(m => m.ConstructorIndex < 0 && m.Assignment == MemberAssignment.Initializer)
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
            w.Line("value = result;");
            w.Line("error = null;");
            w.Line("return true;");
        }
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
            _ => $"writer.WriteNumberValue({expression});",
        },
        _ => $"Write(writer, {expression});",
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
