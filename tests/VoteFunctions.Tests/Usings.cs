global using VoteFunctions.Core;
global using VoteFunctions.Core.Files;
global using VoteFunctions.Core.Generation;
global using VoteFunctions.Core.Ingest;
global using VoteFunctions.Core.Output;
global using VoteFunctions.Core.Queries;
global using VoteFunctions.Core.Storage;
global using VoteFunctions.Core.Sql;
