using System.Reflection;
using System.Text.RegularExpressions;
using DuckDB.NET.Data;

namespace VoteFunctions.Core;

/// <summary>
/// A .sql file of the warehouse model, embedded in this assembly, split into statements.
/// Values are bound as DuckDB parameters (<c>$name</c>), never spliced into the text.
/// </summary>
internal sealed partial class SqlScript
{
    private readonly string name;
    private readonly IReadOnlyList<string> statements;

    private SqlScript(string name, IReadOnlyList<string> statements)
    {
        this.name = name;
        this.statements = statements;
    }

    public static SqlScript Load(string name)
    {
        using var stream = typeof(SqlScript).Assembly.GetManifestResourceStream("Sql/" + name)
            ?? throw new InvalidOperationException($"SQL script '{name}' is not embedded in {typeof(SqlScript).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return new SqlScript(name, SplitStatements(reader.ReadToEnd()));
    }

    /// <summary>Runs every statement, binding the parameters each one names.</summary>
    public void Execute(DuckDBConnection connection, IReadOnlyDictionary<string, object?>? parameters = null)
    {
        foreach (var statement in statements)
        {
            using var command = CreateCommand(connection, statement, parameters);
            command.ExecuteNonQuery();
        }
    }

    /// <summary>Runs a script of exactly one statement and returns its reader.</summary>
    public DuckDBDataReader ExecuteReader(DuckDBConnection connection, IReadOnlyDictionary<string, object?>? parameters = null)
    {
        if (statements.Count != 1)
            throw new InvalidOperationException($"SQL script '{name}' has {statements.Count} statements; a query script must have one.");
        var command = CreateCommand(connection, statements[0], parameters);
        return (DuckDBDataReader)command.ExecuteReader();
    }

    private DuckDBCommand CreateCommand(DuckDBConnection connection, string statement, IReadOnlyDictionary<string, object?>? parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = statement;
        foreach (Match match in ParameterPattern().Matches(statement))
        {
            var parameterName = match.Groups[1].Value;
            if (command.Parameters.Contains(parameterName)) continue;
            if (parameters is null || !parameters.TryGetValue(parameterName, out var value))
                throw new InvalidOperationException($"SQL script '{name}' needs parameter ${parameterName}.");
            command.Parameters.Add(new DuckDBParameter(parameterName, value ?? DBNull.Value));
        }
        return command;
    }

    /// <summary>Statements end with ';' at the end of a line; '--' comments are kept (DuckDB ignores them).</summary>
    private static List<string> SplitStatements(string text)
    {
        var statements = new List<string>();
        var current = new System.Text.StringBuilder();
        foreach (var line in text.Split('\n'))
        {
            current.Append(line).Append('\n');
            var code = line.Split("--")[0].TrimEnd();
            if (code.EndsWith(';'))
            {
                statements.Add(current.ToString());
                current.Clear();
            }
        }
        if (current.ToString().Split('\n').Any(l => l.Split("--")[0].Trim().Length > 0))
            statements.Add(current.ToString());
        return statements;
    }

    [GeneratedRegex(@"\$([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex ParameterPattern();
}
