using DuckDB.NET.Data;

namespace VoteFunctions.Core.Sql;

/// <summary>
/// SQL to run on the warehouse: a .sql file of the model, embedded in this assembly, or a short
/// query written where it is used. DuckDB.NET runs the statements in order and binds each named
/// parameter (<c>$name</c>) where a statement uses it: values are never spliced into the text.
/// </summary>
internal sealed class SqlScript
{
    private readonly string text;

    private SqlScript(string text) => this.text = text;

    /// <summary>A short query, written where it is used.</summary>
    public static SqlScript Of(string text) => new(text);

    /// <summary>A .sql file under Sql/.</summary>
    public static SqlScript Load(string name)
    {
        using var stream = typeof(SqlScript).Assembly.GetManifestResourceStream("Sql/" + name)
            ?? throw new InvalidOperationException($"SQL script '{name}' is not embedded in {typeof(SqlScript).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return new SqlScript(reader.ReadToEnd());
    }

    public void Execute(DuckDBConnection connection, object? parameters = null)
    {
        using var command = CreateCommand(connection, parameters);
        command.ExecuteNonQuery();
    }

    /// <summary>Runs the script and yields each row of its last statement's result, as it is read.</summary>
    public IEnumerable<T> Query<T>(DuckDBConnection connection, object? parameters, Func<DuckDBDataReader, T> row)
    {
        using var command = CreateCommand(connection, parameters);
        using var reader = (DuckDBDataReader)command.ExecuteReader();
        while (reader.Read()) yield return row(reader);
    }

    public object? Scalar(DuckDBConnection connection, object? parameters = null)
    {
        using var command = CreateCommand(connection, parameters);
        return command.ExecuteScalar();
    }

    /// <summary>The parameters are the public properties of an object: new { file_id = 3 }.</summary>
    private DuckDBCommand CreateCommand(DuckDBConnection connection, object? parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = text;
        foreach (var property in parameters?.GetType().GetProperties() ?? [])
            command.Parameters.Add(new DuckDBParameter(property.Name, property.GetValue(parameters) ?? DBNull.Value));
        return command;
    }
}
