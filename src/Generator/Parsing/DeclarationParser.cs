using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TypedSockets.Generator.Model;
using TypedSockets.Generator.Symbols;

namespace TypedSockets.Generator.Parsing;

/// <summary>Reads what a <c>partial</c> redeclaration of a user's type needs.</summary>
internal static class DeclarationParser
{
    public static TypeDeclarationModel Parse(INamedTypeSymbol type, TypeDeclarationSyntax syntax)
    {
        var ns = type.ContainingNamespace is { IsGlobalNamespace: false } containing ? containing.ToDisplayString() : string.Empty;
        var containers = new List<ContainingTypeModel>();
        for (var parent = syntax.Parent as TypeDeclarationSyntax; parent is not null; parent = parent.Parent as TypeDeclarationSyntax)
        {
            var typeParameters = parent.TypeParameterList?.Parameters.Select(p => p.Identifier.ValueText) ?? Enumerable.Empty<string>();
            containers.Insert(0, new ContainingTypeModel(Keyword(parent), parent.Identifier.ValueText, typeParameters.ToEquatableArray()));
        }
        var fullName = SymbolNames.TypeName(type);
        var hint = fullName.Replace("global::", string.Empty);
        hint = new string(hint.Select(c => char.IsLetterOrDigit(c) || c == '.' ? c : '_').ToArray());
        return new TypeDeclarationModel(ns, containers.ToEquatableArray(), Keyword(syntax), type.Name, fullName, hint);
    }

    public static bool IsPartial(TypeDeclarationSyntax syntax) => syntax.Modifiers.Any(SyntaxKind.PartialKeyword);

    /// <summary>Why generated code outside the type could not see it, or null when it can.</summary>
    public static string? AccessibilityProblem(INamedTypeSymbol type)
    {
        if (type.IsFileLocal)
        {
            return "file-local";
        }
        for (var current = type; current is not null; current = current.ContainingType)
        {
            switch (current.DeclaredAccessibility)
            {
                case Accessibility.Private:
                    return ReferenceEquals(current, type) ? "private" : $"nested in the private type '{current.Name}'";
                case Accessibility.Protected or Accessibility.ProtectedAndInternal:
                    return ReferenceEquals(current, type) ? "protected" : $"nested in the protected type '{current.Name}'";
            }
            if (current.IsFileLocal)
            {
                return $"nested in the file-local type '{current.Name}'";
            }
        }
        return null;
    }

    /// <summary>The innermost enclosing type that is not <c>partial</c>, if any: generated code cannot be nested in it.</summary>
    public static TypeDeclarationSyntax? FirstNonPartialContainer(TypeDeclarationSyntax syntax)
    {
        for (var parent = syntax.Parent as TypeDeclarationSyntax; parent is not null; parent = parent.Parent as TypeDeclarationSyntax)
        {
            if (!IsPartial(parent))
            {
                return parent;
            }
        }
        return null;
    }

    private static string Keyword(TypeDeclarationSyntax syntax) => syntax switch
    {
        RecordDeclarationSyntax record when record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) => "record struct",
        RecordDeclarationSyntax => "record",
        StructDeclarationSyntax => "struct",
        InterfaceDeclarationSyntax => "interface",
        _ => "class",
    };
}
