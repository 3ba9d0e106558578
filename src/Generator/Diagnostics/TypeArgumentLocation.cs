using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace TypedSockets.Generator.Diagnostics;

/// <summary>Where a diagnostic about a generic call's type argument belongs in the source.</summary>
internal static class TypeArgumentLocation
{
    /// <summary>
    /// Where the type came from: the explicit type argument, else the argument it was inferred
    /// from, else the whole call.
    /// </summary>
    public static Location Of(IOperation operation, IMethodSymbol method, ITypeParameterSymbol parameter, int index)
    {
        var name = operation.Syntax switch
        {
            InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } => access.Name,
            InvocationExpressionSyntax { Expression: SimpleNameSyntax simple } => simple,
            MemberAccessExpressionSyntax access => access.Name,
            SimpleNameSyntax simple => simple,
            _ => null,
        };
        if (name is GenericNameSyntax generic && index < generic.TypeArgumentList.Arguments.Count)
        {
            return generic.TypeArgumentList.Arguments[index].GetLocation();
        }
        if (operation is IInvocationOperation invocation)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter is { } p && SymbolEqualityComparer.Default.Equals(p.OriginalDefinition.Type, parameter)
                    && argument.Syntax is ArgumentSyntax syntax)
                {
                    return syntax.GetLocation();
                }
            }
        }
        return (name ?? operation.Syntax).GetLocation();
    }
}
