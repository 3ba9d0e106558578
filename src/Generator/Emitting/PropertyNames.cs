using System.Collections.Generic;
using System.Linq;
using TypedSockets.Generator.Model;

namespace TypedSockets.Generator.Emitting;

/// <summary>One pre-encoded property name field per distinct JSON name.</summary>
internal sealed class PropertyNames
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
