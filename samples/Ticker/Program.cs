Ticker.TickerApp.Build(args).Run();
