using TypedSockets.Generator.Model;

namespace TypedSockets.Generator.Emitting;

/// <summary>Opens and closes the <c>partial</c> redeclaration of a user's type, nested types and namespace included.</summary>
internal static class DeclarationWriter
{
    public static void Open(SourceWriter writer, TypeDeclarationModel type, string? baseList = null)
    {
        if (type.Namespace.Length > 0)
        {
            writer.Open($"namespace {type.Namespace}");
        }
        foreach (var container in type.ContainingTypes)
        {
            var typeParameters = container.TypeParameters.IsDefaultOrEmpty() ? string.Empty : $"<{string.Join(", ", container.TypeParameters)}>";
            writer.Open($"partial {container.Keyword} {container.Name}{typeParameters}");
        }
        writer.Open(baseList is null ? $"partial {type.Keyword} {type.Name}" : $"partial {type.Keyword} {type.Name} : {baseList}");
    }

    public static void Close(SourceWriter writer, TypeDeclarationModel type)
    {
        writer.Close();
        for (var i = 0; i < type.ContainingTypes.Count; i++)
        {
            writer.Close();
        }
        if (type.Namespace.Length > 0)
        {
            writer.Close();
        }
    }
}
